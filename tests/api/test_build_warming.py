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


def test_a_build_loads_the_models_beside_its_store_only_when_workers_will_fork(built):
    from contextlib import nullcontext

    from ingest.records import Document

    settings, _, builder = built
    documents = [Document(key=f"d{i}", path=f"/d{i}.txt", text="Kainuu kokeili.", title="D",
                          fmt="txt", sha1=f"s{i}") for i in range(2)]
    analyses = builder.analyses
    try:
        builder.analyses = None
        builder.settings = settings.model_copy(update={"n_process": 2})
        assert not isinstance(builder._loading(documents), nullcontext)
        assert isinstance(builder._loading(documents[:1]), nullcontext)  # one: no workers
        builder.settings = settings.model_copy(update={"n_process": 1})
        assert isinstance(builder._loading(documents), nullcontext)
    finally:
        builder.settings, builder.analyses = settings, analyses
