"""The machine-translation detector: calibrated ``mt_probability``, verdict and reasons per paragraph.

What it sees: the pipeline's analysis of the paragraph (:func:`.features.detector_inputs`): the view
every step reads (:mod:`mtaudit.view`: the text with typography neutralised by the detection benchmark's
rules, parsed once), its anomalies and the stages' typed results. Nothing is parsed or analysed again, and
quote style or non-breaking spaces can neither help nor hurt its score; training and ``eval`` go through
the same analysis as the audit.

How it scores (:mod:`.model`): two TF-IDF n-gram models (word + character n-grams of the text; n-grams of
the masked text, its topic words hidden, :mod:`.masking`), two contrast language models (a Kneser-Ney
model per class on the words and on the skeleton, scored as a log-likelihood ratio, :mod:`.contrast`) and
a linear layer over dense features (stylometry, lexical frequency and variety, function words,
punctuation, parts of speech, dependencies, verb morphology, anomaly rates, plus the ``fluency`` and
``roundtrip`` stage features when those stages ran) are stacked by a logistic regression whose output is
calibrated by a logistic map fitted out of fold; the stack and the calibration read the text models'
out-of-fold scores standardised per collection (:func:`.training.standardise_by_group`). A model keeps
one variant per set of stage features it was trained with and scores each paragraph with the richest
variant it has features for; its ``filter`` variant scores the fast filter mode (:mod:`mtaudit.modes`),
from the word and character text models and surface features that need no parse (:mod:`.surface`).

Verdict bands (:func:`.training.choose_bands`): ``machine`` from the lowest probability above which at
least 90% of the training paragraphs are machine-translated, ``human`` up to the highest below which at
least 90% are human (out-of-fold probabilities), over all of them and inside each collection that holds
both labels; ``uncertain`` between. The shipped model's folds are collections of test sets (all newstest
years together, WMT21, FLORES), so these out-of-fold probabilities, and the bands, come from MT systems
the fold never saw; where no threshold reaches 90% on them, the band opens at 0.9 (``human``: 0.1),
where a calibrated probability is right that often, or beyond every out-of-fold score if some reach that
far (there the band is known to be wrong too often).

Training data (:mod:`.balance`): with ``--balance-by system``, each test set's machine and human
paragraphs weigh the same (its topic says nothing about the label) and each MT system weighs as much as
its paragraphs (every machine paragraph of a test set the same). The contrast language models count
n-grams, which cannot be weighted: inside each test set their machine side keeps as many paragraphs as
the references, spread over its systems (:meth:`.training.LabelledSet.contrast_weights`). A document's
verdict pools its paragraphs' evidence (:mod:`.pooling`).

Reasons: the features with the largest contributions to the stacked log-odds, ``coef × standardised
value``; a dense feature's contribution is its share of the dense layer's term (exact: both layers are
linear); ``ngram.lexical`` and ``ngram.masked`` are the n-gram models' log-odds, ``lm.words`` and
``lm.skeleton`` the contrast models' log-likelihood ratios.

The shipped model (``mtaudit/data/detector.json.gz``) is rebuilt from ../shared with::

    scripts/train_detector.sh

(benchmarks/detector_corpus.py writes every test set, system and native French as one labelled file;
``mtaudit train … --group-by collection --balance-by system --no-backtranslation --no-fluency`` fits
it).
benchmarks/detector_generalisation.py measures the method on test sets and systems held out whole.
"""
