"""The Hub's valid licence ids and task categories (nothing installed validates them offline).

Licence ids: huggingface/hub-docs docs/hub/repositories-licenses.md (snapshot 242f4a1e).
Task categories and their task ids: huggingface/huggingface.js packages/tasks/src/pipelines.ts
(snapshot fe42e680). Update both from those files when the Hub adds values.
"""

from __future__ import annotations

LICENSE_IDS = frozenset({
    "apache-2.0", "mit", "openrail", "bigscience-openrail-m", "creativeml-openrail-m",
    "bigscience-bloom-rail-1.0", "bigcode-openrail-m", "afl-3.0", "artistic-2.0", "bsl-1.0", "bsd",
    "bsd-2-clause", "bsd-3-clause", "bsd-3-clause-clear", "c-uda", "cc", "cc0-1.0", "cc-by-2.0", "cc-by-2.5",
    "cc-by-3.0", "cc-by-4.0", "cc-by-sa-3.0", "cc-by-sa-4.0", "cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0",
    "cc-by-nd-4.0", "cc-by-nc-nd-3.0", "cc-by-nc-nd-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0",
    "cc-by-nc-sa-4.0", "cdla-sharing-1.0", "cdla-permissive-1.0", "cdla-permissive-2.0", "wtfpl", "ecl-2.0",
    "epl-1.0", "epl-2.0", "etalab-2.0", "eupl-1.1", "eupl-1.2", "agpl-3.0", "gfdl", "gpl", "gpl-2.0",
    "gpl-3.0", "lgpl", "lgpl-2.1", "lgpl-3.0", "isc", "h-research", "intel-research", "lppl-1.3c", "ms-pl",
    "apple-ascl", "apple-amlr", "mpl-2.0", "odc-by", "odbl", "openmdw-1.0", "openmdw-1.1", "openrail++",
    "osl-3.0", "postgresql", "ofl-1.1", "ncsa", "unlicense", "zlib", "pddl", "lgpl-lr",
    "deepfloyd-if-license", "fair-noncommercial-research-license", "llama2", "llama3", "llama3.1", "llama3.2",
    "llama3.3", "llama4", "grok2-community", "gemma", "unknown", "other",
})

#: task_category -> the task_ids that belong to it
TASK_IDS: dict[str, frozenset[str]] = {
    "text-classification": frozenset({
        "acceptability-classification", "entity-linking-classification", "fact-checking",
        "intent-classification", "language-identification", "multi-class-classification",
        "multi-label-classification", "multi-input-text-classification", "natural-language-inference",
        "semantic-similarity-classification", "sentiment-classification", "topic-classification",
        "semantic-similarity-scoring", "sentiment-scoring", "sentiment-analysis", "hate-speech-detection",
        "text-scoring",
    }),
    "token-classification": frozenset({
        "named-entity-recognition", "part-of-speech", "parsing", "lemmatization", "word-sense-disambiguation",
        "coreference-resolution",
    }),
    "table-question-answering": frozenset(),
    "question-answering": frozenset({"extractive-qa", "open-domain-qa", "closed-domain-qa"}),
    "zero-shot-classification": frozenset(),
    "translation": frozenset(),
    "summarization": frozenset({"news-articles-summarization", "news-articles-headline-generation"}),
    "feature-extraction": frozenset(),
    "text-generation": frozenset({
        "dialogue-modeling", "dialogue-generation", "conversational", "language-modeling",
        "text-simplification", "explanation-generation", "abstractive-qa", "open-domain-abstractive-qa",
        "closed-domain-qa", "open-book-qa", "closed-book-qa", "text2text-generation",
    }),
    "fill-mask": frozenset({"slot-filling", "masked-language-modeling"}),
    "sentence-similarity": frozenset(),
    "text-to-speech": frozenset(),
    "text-to-audio": frozenset(),
    "automatic-speech-recognition": frozenset(),
    "audio-to-audio": frozenset(),
    "audio-classification": frozenset({
        "keyword-spotting", "speaker-identification", "audio-intent-classification",
        "audio-emotion-recognition", "audio-language-identification",
    }),
    "audio-text-to-text": frozenset(),
    "voice-activity-detection": frozenset(),
    "depth-estimation": frozenset(),
    "image-classification": frozenset({"multi-label-image-classification", "multi-class-image-classification"}),
    "object-detection": frozenset({"face-detection", "vehicle-detection"}),
    "image-segmentation": frozenset({"instance-segmentation", "semantic-segmentation", "panoptic-segmentation"}),
    "text-to-image": frozenset(),
    "image-to-text": frozenset({"image-captioning"}),
    "image-to-image": frozenset({"image-inpainting", "image-colorization", "super-resolution"}),
    "image-to-video": frozenset(),
    "unconditional-image-generation": frozenset(),
    "video-classification": frozenset(),
    "reinforcement-learning": frozenset(),
    "robotics": frozenset({"grasping", "task-planning"}),
    "tabular-classification": frozenset({
        "tabular-multi-class-classification", "tabular-multi-label-classification",
    }),
    "tabular-regression": frozenset({"tabular-single-column-regression"}),
    "tabular-to-text": frozenset({"rdf-to-text"}),
    "table-to-text": frozenset(),
    "multiple-choice": frozenset({"multiple-choice-qa", "multiple-choice-coreference-resolution"}),
    "text-ranking": frozenset(),
    "text-retrieval": frozenset({
        "document-retrieval", "utterance-retrieval", "entity-linking-retrieval", "fact-checking-retrieval",
    }),
    "time-series-forecasting": frozenset({
        "univariate-time-series-forecasting", "multivariate-time-series-forecasting",
    }),
    "text-to-video": frozenset(),
    "image-text-to-text": frozenset(),
    "image-text-to-image": frozenset(),
    "image-text-to-video": frozenset(),
    "visual-question-answering": frozenset({"visual-question-answering"}),
    "document-question-answering": frozenset({"document-question-answering"}),
    "zero-shot-image-classification": frozenset(),
    "graph-ml": frozenset(),
    "mask-generation": frozenset(),
    "zero-shot-object-detection": frozenset(),
    "text-to-3d": frozenset(),
    "image-to-3d": frozenset(),
    "image-feature-extraction": frozenset(),
    "video-text-to-text": frozenset(),
    "keypoint-detection": frozenset({"pose-estimation"}),
    "visual-document-retrieval": frozenset(),
    "any-to-any": frozenset(),
    "video-to-video": frozenset(),
    "other": frozenset(),
}
