"""What an add loads beside its store copy: spaCy and the learned status model's encoder."""

from __future__ import annotations


def test_the_pipeline_names_spacy_and_the_status_encoder_as_loaders(built):
    _, _, builder = built
    loaders = builder.pipeline.loaders()
    assert len(loaders) == 2  # settings.status_model is "override": a learned model
    for load in loaders:
        load()
    assert builder.pipeline.analyzer.loaded
    status_encoder = builder.pipeline.extractor.status_model.classifier.encoder
    assert status_encoder.active_runtime == "onnx"
