"""mtaudit: paragraph-level audit of French text for machine translation."""

import os

__version__ = "0.1.0"

# OpenMP threads that spin while waiting stall PyTorch generation 5-10x on a busy machine (measured with
# benchmarks/bench_backtranslation.py); this must be set before torch loads. Users can override it.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
