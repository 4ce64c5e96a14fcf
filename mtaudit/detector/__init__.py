"""The machine-translation detector: calibrated ``mt_probability``, verdict and reasons per paragraph.

What it sees: the pipeline's analysis of the paragraph (:func:`.features.detector_inputs`): the view
every step reads (:mod:`mtaudit.view`: the text with typography neutralised by the detection benchmark's
rules, parsed once), its anomalies and the stages' typed results. Nothing is parsed or analysed again, and
quote style or non-breaking spaces can neither help nor hurt its score; training and ``eval`` go through
the same analysis as the audit.

How it scores (:mod:`.model`): two TF-IDF n-gram models (word + character n-grams of the text; n-grams
of a topic-free syntactic skeleton), two contrast language models (a Kneser-Ney model per class on the
words and on the skeleton, scored as a log-likelihood ratio, :mod:`.contrast`) and a linear layer over
dense features (stylometry, lexical frequency and variety, function words, punctuation, parts of speech,
dependencies, verb morphology, anomaly rates, plus the ``fluency`` and ``roundtrip`` stage features when
those stages ran) are stacked by a logistic regression whose output is calibrated by an isotonic map fitted out
of fold. A model keeps one variant per set of stage
features it was trained with and scores each paragraph with the richest variant it has features for.

Verdict bands (:func:`.training.choose_bands`): ``machine`` from the lowest probability above which at
least 90% of the training paragraphs are machine-translated, ``human`` up to the highest below which at
least 90% are human (out-of-fold probabilities); ``uncertain`` between.

Reasons: the features with the largest contributions to the stacked log-odds, ``coef × standardised
value``; a dense feature's contribution is its share of the dense layer's term (exact: both layers are
linear); ``ngram.lexical`` and ``ngram.syntax`` are the n-gram models' log-odds, ``lm.words`` and
``lm.skeleton`` the contrast models' log-likelihood ratios.

The shipped model (``mtaudit/data/detector.json.gz``) is rebuilt from ../shared with::

    python3 benchmarks/native_paragraphs.py > /tmp/native.jsonl
    mtaudit train ../shared/data/dev/paragraphs.jsonl /tmp/native.jsonl --group-by year \\
        --no-backtranslation -o mtaudit/data/detector.json.gz
"""
