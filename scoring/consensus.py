"""Tastle & Wierman's consensus measure (step 7 of docs/scoring-method.md), for many items at once.

    Cns = 1 + Σ_k p_k · log2(1 − |k − μ| / (max − min))

p_k is the share of answers equal to k and μ the mean raw answer. Cns is 1 when everyone gave the same answer
and 0 when the answers are split half and half between the two ends of the scale.
"""

from __future__ import annotations

import numpy as np


def answer_counts(raw: np.ndarray, scale_min: int, scale_max: int) -> np.ndarray:
    """Counts of each scale value per column: ``raw`` is respondents × items (NaN = unanswered).

    Returns an items × (max − min + 1) integer array; column j counts the answers equal to ``scale_min + j``.
    """
    values = range(scale_min, scale_max + 1)
    if raw.size == 0:
        return np.zeros((raw.shape[1] if raw.ndim == 2 else 0, len(values)), dtype=np.int64)
    # One comparison pass per scale value: a scale has a handful of values, a file thousands of respondents.
    return np.stack([(raw == value).sum(axis=0) for value in values], axis=1).astype(np.int64)


def code_counts(codes: np.ndarray, points: int) -> np.ndarray:
    """Counts of each answer code per column: ``codes`` is respondents × items (0 .. points − 1, -1 = unanswered).

    Returns an items × points integer array, as :func:`answer_counts` does for raw answers.
    """
    if codes.ndim != 2 or codes.shape[0] == 0:
        return np.zeros((codes.shape[1] if codes.ndim == 2 else 0, points), dtype=np.int64)
    # One comparison pass per code over the small integers: no conversion of the matrix to wider ones.
    return np.stack([(codes == code).sum(axis=0) for code in range(points)], axis=1).astype(np.int64)


def consensus_from_counts(counts: np.ndarray, scale_min: int, scale_max: int) -> np.ndarray:
    """Consensus of each row of ``counts`` (as from :func:`answer_counts`); NaN when fewer than 2 answers."""
    counts = np.asarray(counts, dtype=np.float64)
    n = counts.sum(axis=1)
    scale = np.arange(scale_min, scale_max + 1, dtype=np.float64)
    width = float(scale_max - scale_min)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = counts / n[:, None]
        mean = shares @ scale
        # μ lies in [min, max], so the argument lies in [0, 1]; the clip only absorbs rounding noise.
        argument = np.clip(1.0 - np.abs(scale[None, :] - mean[:, None]) / width, 0.0, 1.0)
        # The argument is 0 only when k is one end of the scale and μ the other; μ sits at an end only when every
        # answer is there, so such a k always has p_k = 0: no answer there, nothing to add (rather than 0 · −inf = NaN).
        terms = np.where(counts > 0, shares * np.log2(argument), 0.0)
    consensus = 1.0 + terms.sum(axis=1)
    consensus = np.clip(consensus, 0.0, 1.0)
    consensus[n < 2] = np.nan
    return consensus
