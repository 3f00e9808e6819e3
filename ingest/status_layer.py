"""How the rules' status of a method mention and the learned classifier's are combined.

Policies, chosen by name (settings `status_model`):
  rules     the rules alone (the classifier is not loaded);
  fill      the rules where they fire, the classifier where they find nothing;
  override  as fill, and the classifier replaces a rule's status it contradicts with
            confidence >= OVERRIDE_AT;
  model     the classifier alone.
The classifier's "none" never adds a fact; its statuses the graph cannot yet store (`unsupported`,
e.g. "developing" before lape:developing exists) fall back to the rules' reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ingest.records import AnalysedPassage, Mention
from ingest.status_features import MentionSite, sites_in_sentence

if TYPE_CHECKING:
    from ingest.status_model import StatusClassifier

POLICIES = ("rules", "fill", "override", "model")
FILL_AT = 0.6  # the classifier adds a status the rules missed only when this sure
OVERRIDE_AT = 0.9
Reading = tuple[str, bool] | None  # (status, whether its clause has a verb), as the rules give it


class StatusLayer:
    """Decides a method mention's status from the rules' reading and the classifier's."""

    def __init__(self, classifier: StatusClassifier | None, policy: str = "rules",
                 unsupported: Iterable[str] = ()) -> None:
        if policy not in POLICIES:
            raise ValueError(f"status_model {policy!r}: expected one of {', '.join(POLICIES)}")
        if policy != "rules" and classifier is None:
            raise ValueError(f"status_model {policy!r} needs the trained classifier")
        self.classifier = classifier
        self.policy = policy
        self.unsupported = frozenset(unsupported)
        self.decisions: list[tuple[str, str | None, str, float]] = []  # for measurement

    @staticmethod
    def _site(ap: AnalysedPassage, heads: Sequence[int], m: Mention) -> MentionSite:
        return sites_in_sentence(ap.passage.text, ap.tokens, heads, [(m.start, m.end)])[0]

    def prime(self, passages: Iterable[AnalysedPassage], mentions: Sequence[Mention]) -> None:
        """Encode the clauses of all of a document's method mentions in one batch."""
        if self.classifier is None:
            return
        from ingest.extraction import head_positions

        sites = []
        for ap in passages:
            methods = [m for m in mentions if m.kind == "Method"
                       and m.passage_index == ap.passage.index]
            if methods and ap.tokens:
                heads = head_positions(ap)
                sites.extend(self._site(ap, heads, m) for m in methods)
        self.classifier.prime(sites)

    def decide(self, ap: AnalysedPassage, heads: Sequence[int], method: Mention,
               rule: Reading) -> Reading:
        if self.policy == "rules" or self.classifier is None or not ap.tokens or not heads:
            return rule
        decision = self.classifier.predict([self._site(ap, heads, method)])[0]
        status, confidence = decision.status, decision.confidence
        self.decisions.append((method.key, rule[0] if rule else None, status, confidence))
        verbal = rule[1] if rule else True
        if status in self.unsupported:
            return rule
        if self.policy == "model":
            return None if status == "none" else (status, verbal)
        if rule is None:
            return (status, verbal) if status != "none" and confidence >= FILL_AT else None
        if self.policy == "override" and status != rule[0] and confidence >= OVERRIDE_AT:
            return None if status == "none" else (status, verbal)
        return rule
