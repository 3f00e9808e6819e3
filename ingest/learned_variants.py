"""Which file of a learned artifact an encoder reads: one registry (`ingest/learned/variants.toml`)
of the artifacts fitted on e5 vectors (the status, result, concept and question models) and of
the encoder variants that have fits of their own (issue 15: openvino-int8's static int8 vectors
are close to float32's, cosine ~.999, but the models fitted on float32 read them worse).

An artifact's default file is fitted on float32 vectors and read by every variant without a fit
of its own; a registered variant reads `<stem>.<variant><suffix>` beside it. The choice follows
the variant the encoder *runs* (search/encoder.py resolves its fallback first: without the int8
graph openvino-int8 runs as openvino-bf16, which reads the default files). The trainers take
`--variant` (`fit_encoder`) and write the file that variant reads."""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ingest.errors import LapekgError

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
REGISTRY = Path(__file__).parent / "learned" / "variants.toml"


class LearnedVariantError(LapekgError):
    prefix = "learned model variant"
    hint = "see ingest/learned/variants.toml"


@dataclass(frozen=True)
class Registry:
    fitted_with: str  # the variant whose vectors the default files are fitted on
    artifacts: dict[str, Path]  # name -> default file
    variants: dict[str, tuple[str, ...]]  # variant -> the artifacts fitted for it


@lru_cache(maxsize=4)
def registry(path: Path = REGISTRY) -> Registry:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LearnedVariantError(f"{path}: {exc}") from exc
    artifacts = {name: REPO / rel for name, rel in data.get("artifacts", {}).items()}
    variants = {v: tuple(names) for v, names in data.get("variants", {}).items()}
    for v, names in variants.items():
        unknown = set(names) - set(artifacts)
        if unknown:
            raise LearnedVariantError(f"{path}: variant {v} names unknown artifacts "
                                      f"{sorted(unknown)}")
    return Registry(str(data.get("fitted_with", "float32")), artifacts, variants)


def variant_of(encoder: Any) -> str | None:
    """The variant an encoder runs (a CachingEncoder's own encoder's); None for encoders
    without one (the hashing test encoder), which read the default files."""
    inner = getattr(encoder, "encoder", encoder)
    if getattr(inner, "runtime", None) == "torch":
        return None  # the torch runtime runs float32 (or all-int8) weights, no IR
    variant = getattr(inner, "variant", None)
    return variant if isinstance(variant, str) else None


def variant_file(default: Path, variant: str) -> Path:
    return default.with_name(f"{default.stem}.{variant}{default.suffix}")


def default_artifact(name: str) -> Path:
    """The default file of artifact `name` (the fit on the variant the registry says the
    defaults were fitted with)."""
    reg = registry()
    if name not in reg.artifacts:
        raise LearnedVariantError(f"no learned artifact {name!r} (known: {sorted(reg.artifacts)})")
    return reg.artifacts[name]


def artifact_path(name: str, encoder: Any = None, variant: str | None = None) -> Path:
    """The file of artifact `name` for `encoder` (or for `variant` by name): its variant's own
    fit when the registry lists one, else the default file."""
    reg = registry()
    default = default_artifact(name)
    variant = variant if variant is not None else variant_of(encoder)
    if variant is None or name not in reg.variants.get(variant, ()):
        return default
    return variant_file(default, variant)


def fit_encoder(model_dir: str | None = None, variant: str | None = None):  # type: ignore[no-untyped-def]
    """The encoder a trainer fits on: the default files' (`fitted_with`, float32) unless
    `variant` names one the registry lists. It must run that variant itself: a fallback's
    vectors written under the variant's name would be read as its own."""
    from search.encoder import Encoder

    reg = registry()
    model_dir = model_dir or os.environ.get("LAPEKG_MODEL", "models/multilingual-e5-small")
    wanted = variant or reg.fitted_with
    if wanted != reg.fitted_with and wanted not in reg.variants:
        raise LearnedVariantError(f"variant {wanted!r} has no fits of its own: add it to "
                                  f"{REGISTRY} (known: {', '.join(reg.variants)})")
    encoder = Encoder(model_dir, variant=wanted)
    if encoder.variant != wanted:
        raise LearnedVariantError(f"{model_dir} cannot run {wanted} here (it would run "
                                  f"{encoder.variant}): make its graph first")
    return encoder


def fit_target(name: str, variant: str | None = None) -> Path:
    """Where a trainer fitting artifact `name` for `variant` (None: the default) writes."""
    reg = registry()
    if variant is None or variant == reg.fitted_with:
        return default_artifact(name)
    if name not in reg.variants.get(variant, ()):
        raise LearnedVariantError(f"{REGISTRY} lists no {name} fit for {variant}")
    return artifact_path(name, variant=variant)


def fit_meta(encoder: Any) -> dict[str, Any]:
    """What an artifact records of the encoder it was fitted on: the model, the variant and,
    for a variant whose graph depends on more than the weights (openvino-int8), the digest of
    the recipe that made it (search/openvino_int8.py)."""
    identity = encoder.identity()
    meta = {"encoder": identity["model"], "encoder_variant": encoder.variant}
    if "graph" in identity:
        meta["encoder_graph"] = identity["graph"]
    return meta


def check_fit(meta: dict[str, Any], encoder: Any, path: Path) -> None:
    """Warn when the artifact was fitted on another graph of the same variant than the one the
    encoder runs (another calibration text or NNCF): it still loads, as the vectors are close,
    but a refit on this graph is due."""
    fitted = meta.get("encoder_graph")
    identity = getattr(getattr(encoder, "encoder", encoder), "identity", None)
    running = identity().get("graph") if callable(identity) else None
    if fitted and running and fitted != running:
        logger.warning("learned model %s was fitted on the %s graph %s, this encoder runs %s: "
                       "refit it (ingest/learned/README.md)", path.name,
                       meta.get("encoder_variant"), fitted, running)


def variant_argument(argv: list[str]) -> tuple[list[str], str | None]:
    """A trainer's arguments without `--variant V` (or `--variant=V`), and V."""
    rest, variant, it = [], None, iter(argv)
    for arg in it:
        if arg == "--variant":
            variant = next(it, None)
            if variant is None:
                raise LearnedVariantError("--variant needs a variant name")
        elif arg.startswith("--variant="):
            variant = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return rest, variant
