"""The semantic signal: vectors per content hash, kept in step with publishing, scored with filters."""

import numpy as np
import pytest
from django.test import TestCase, override_settings
from wagtail.models import PageViewRestriction

from search.query import SearchQuery
from search.semantic import actions, encoder
from search.semantic.fusion import FusionWeights, fuse
from search.semantic.signal import semantic_signal
from search.semantic.store import DocumentEmbedding, TextEmbedding
from search.semantic.vectors import EXACT_LIMIT, VectorSet, current_generation, vector_sets
from tests.factories import MemberFactory
from tests.practices.factories import practice_page

HOUSING = "Finding flats for recognised refugees leaving reception centres, with a rent guarantee."
TRAFFICKING = "Psychological support and trauma counselling for women who survived human trafficking."
LANGUAGE = "Evening language courses for newly arrived parents while their children are at school."


def test_the_model_embeds_offline_into_normalised_vectors():
    vectors = encoder.embed_texts([HOUSING, TRAFFICKING])
    assert vectors.shape == (2, encoder.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)


def test_a_query_in_another_language_is_closest_to_the_practice_that_answers_it():
    documents = encoder.embed_texts([HOUSING, TRAFFICKING, LANGUAGE])
    for query, expected in [
        ("Wohnungssuche für anerkannte Flüchtlinge", 0),
        ("apoyo psicológico para víctimas de trata", 1),
        ("cours de langue du soir pour les parents", 2),
    ]:
        assert int(np.argmax(documents @ encoder.embed_query(query))) == expected, query


def test_fusion_normalises_scores_so_weak_lexical_accidents_stay_weak():
    weights = FusionWeights(lexical=0.5, semantic=0.5, conceptual=0.0, floor=0.2, lexical_reference=10.0)
    # "b" is the best lexical hit of a list of weak accidents; "a" is a strong semantic match.
    ranked = fuse({"b": 2.0, "c": 1.0}, {"a": 0.8, "b": 0.25, "c": 0.2}, weights)
    assert [key for key, _ in ranked] == ["a", "b", "c"]
    # Without the reference, min-max over the list alone would make the accident a full match.
    relative = FusionWeights(lexical=0.5, semantic=0.5, conceptual=0.0, floor=0.2)
    assert fuse({"b": 2.0}, {"a": 0.8, "b": 0.25}, relative)[0][0] == "b"


def test_fusion_ranks_only_the_candidates_it_is_given():
    ranked = fuse({"a": 1.0}, {"b": 0.9, "z": 0.95}, candidates=["a", "b"])
    assert {key for key, _ in ranked} == {"a", "b"}


def planted_set(n: int, dimensions: int = encoder.DIMENSIONS) -> tuple[VectorSet, np.ndarray]:
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((n, dimensions)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    mean = vectors.mean(axis=0)
    bits = np.packbits((vectors - mean) > 0, axis=1).view(np.uint64)
    ids = np.arange(1000, 1000 + n, dtype=np.int64)
    countries = np.zeros((n, 2), dtype=bool)
    countries[: n // 2, 0] = countries[n // 2 :, 1] = True
    vector_set = VectorSet(
        doc_type="practice",
        generation="test",
        ids=ids,
        vectors=vectors.astype(np.float16),
        bits=bits,
        mean=mean,
        values={"country": ["DE", "IT"]},
        masks={"country": countries},
        years=np.full((n, 2), -1, dtype=np.int16),
        positions={int(i): p for p, i in enumerate(ids)},
    )
    return vector_set, vectors


@pytest.mark.parametrize("n", [50, EXACT_LIMIT * 3])
def test_nearest_finds_the_closest_vectors_exactly_or_after_the_sign_bit_preselection(n):
    vector_set, vectors = planted_set(n)
    query = vectors[n - 3] + 0.05 * vectors[n - 4]
    query /= np.linalg.norm(query)
    found = vector_set.nearest(query, 5)
    assert found[0][0] == int(vector_set.ids[n - 3])
    exact = np.argsort(-(vectors @ query))[:5]
    assert [object_id for object_id, _ in found] == [int(vector_set.ids[i]) for i in exact]


def test_filters_become_masks_over_the_vector_rows():
    vector_set, vectors = planted_set(40)
    mask = vector_set.mask(SearchQuery(text="x", filters={"country": ("DE",)}))
    found = vector_set.nearest(vectors[30], 40, mask)  # row 30 is Italian
    assert found and all(object_id < 1020 for object_id, _ in found)
    assert vector_set.mask(SearchQuery(text="x", filters={"country": ("FR",)})).sum() == 0


class TestKeepingVectors(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.member = MemberFactory(slug="lyon", name="Lyon", country="FR", city="Lyon")

    def publish(self, **fields):
        with self.captureOnCommitCallbacks(execute=True):
            return practice_page(self.member, **fields)

    def test_publishing_embeds_the_practice_by_its_own_task(self):
        page = self.publish(title="Housing desk", summary=HOUSING)
        row = DocumentEmbedding.objects.get(doc_type="practice", object_id=page.pk)
        assert row.embedding is not None and row.last_error == ""
        assert row.filter_values["country"] == ["FR"]
        assert "housing" in row.filter_values["concept"]

    def test_an_unchanged_text_is_never_embedded_twice(self):
        page = self.publish(title="Housing desk", summary=HOUSING)
        assert TextEmbedding.objects.count() == 1
        report = actions.embed_documents("practice", [page.pk])
        assert (report.embedded, report.reused) == (0, 1)
        page.summary = TRAFFICKING
        page.save_revision().publish()
        report = actions.embed_documents("practice", [page.pk])
        assert report.embedded == 1 and TextEmbedding.objects.count() == 2

    def test_unpublishing_or_restricting_a_practice_takes_it_out_of_the_signal(self):
        page = self.publish(title="Housing desk", summary=HOUSING)
        other = self.publish(title="Counselling", summary=TRAFFICKING)
        with self.captureOnCommitCallbacks(execute=True):
            page.unpublish()
        with self.captureOnCommitCallbacks(execute=True):
            PageViewRestriction.objects.create(page=other, restriction_type="password", password="x")
        assert not DocumentEmbedding.objects.filter(object_id__in=[page.pk, other.pk]).exists()
        assert semantic_signal(SearchQuery(text="housing for refugees")) is None  # no vectors left

    def test_a_failing_model_is_recorded_and_retried_by_the_sweep_after_a_backoff(self):
        page = practice_page(self.member, title="Housing desk", summary=HOUSING)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(actions, "embed_texts", _raise_model_error)
            report = actions.embed_documents("practice", [page.pk])
        assert report.failed == 1 and "model down" in report.error
        row = DocumentEmbedding.objects.get(object_id=page.pk)
        assert (row.attempts, row.embedding) == (1, None) and "model down" in row.last_error
        DocumentEmbedding.objects.filter(pk=row.pk).update(updated_at=row.updated_at.replace(year=2000))
        assert actions.sweep().embedded == 1
        row.refresh_from_db()
        assert row.embedding is not None and (row.attempts, row.last_error) == (0, "")

    def test_the_vector_set_follows_each_change_of_the_database(self):
        page = self.publish(title="Housing desk", summary=HOUSING)
        first = current_generation("practice")
        assert len(vector_sets.get("practice")) == 1
        self.publish(title="Counselling", summary=TRAFFICKING)
        assert current_generation("practice") != first
        assert len(vector_sets.get("practice")) == 2
        signal = semantic_signal(SearchQuery(text="apoyo psicológico para víctimas de trata"))
        assert signal is not None
        assert max(signal.admitted, key=signal.admitted.get) != page.pk

    @override_settings(SEARCH_SEMANTIC=False)
    def test_the_signal_can_be_switched_off(self):
        self.publish(title="Housing desk", summary=HOUSING)
        assert semantic_signal(SearchQuery(text="housing")) is None


def _raise_model_error(texts):
    raise RuntimeError("model down")
