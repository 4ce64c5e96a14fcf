"""The machine-translation detector: features, n-gram models, stacked calibrated model, training, metrics."""
