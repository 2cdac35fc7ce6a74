"""The bench's corpus: N synthetic practices cloned from the demo ones, and their semantic vectors.

Both are written once per database and reused by every later run on it (a re-run only adds what is
missing), so a 50,000-practice PostgreSQL database costs its few minutes once.
"""

import random

import numpy as np

# Noise added to each synthetic practice's borrowed vector, so the set has the clusters a real corpus
# has without 50,000 exact duplicates (as bench/semantic_bench.py does).
VECTOR_NOISE = 0.02
VECTOR_BATCH = 1_000


def generate(count: int) -> None:
    """Bulk-insert `count` practices cloned from the demo ones, with shuffled sentences."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from treebeard.mp_tree import MP_Node
    from wagtail.models import Page

    from core.models import TargetGroup, Theme
    from practices.models import PracticeFolderPage, PracticePage, PracticeTheme

    demo = list(PracticePage.objects.exclude(slug__startswith="synthetic-").order_by("pk"))
    folders = list(PracticeFolderPage.in_locale().select_related("member"))
    themes = list(Theme.objects.all())
    groups = list(TargetGroup.objects.all())
    content_type = ContentType.objects.get_for_model(PracticePage)
    sentences = [
        s.strip() + "."
        for p in demo
        for s in f"{p.challenge} {p.approach} {p.results}".split(".")
        if s.strip()
    ]
    rng = random.Random(42)
    now = timezone.now()
    existing = PracticePage.objects.filter(slug__startswith="synthetic-").count()
    batch = 2_000
    with transaction.atomic():
        counters = {folder.pk: folder.numchild for folder in folders}
        for start in range(existing, count, batch):
            pages, practices, tagged, grouped = [], [], [], []
            for number in range(start, min(start + batch, count)):
                folder = folders[number % len(folders)]
                model = demo[number % len(demo)]
                counters[folder.pk] += 1
                slug = f"synthetic-{number}"
                title = f"{model.title} ({number})"
                published = now - timezone.timedelta(minutes=number)
                pages.append(
                    Page(
                        path=folder.path + MP_Node._int2str(counters[folder.pk]).rjust(folder.steplen, "0"),
                        depth=folder.depth + 1,
                        numchild=0,
                        title=title,
                        draft_title=title,
                        slug=slug,
                        url_path=f"{folder.url_path}{slug}/",
                        content_type=content_type,
                        locale_id=folder.locale_id,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                    )
                )
                text = " ".join(rng.sample(sentences, 8))
                practices.append(
                    PracticePage(
                        summary=model.summary,
                        challenge=text[: len(text) // 3],
                        approach=text[len(text) // 3 :],
                        results=model.results,
                        transferability=model.transferability,
                        priority_id=model.priority_id,
                        country=folder.member.country,
                        city=folder.member.city,
                        region=folder.member.region,
                        language=model.language,
                        status=model.status,
                        start_date=model.start_date,
                        end_date=model.end_date,
                        lead_member_id=folder.member_id,
                        is_success_story=False,
                    )
                )
            Page.objects.bulk_create(pages)
            saved = {p.slug: p.pk for p in Page.objects.filter(slug__in=[p.slug for p in pages])}
            for page, practice in zip(pages, practices, strict=True):
                page.pk = saved[page.slug]
                for field in Page._meta.concrete_fields:
                    setattr(practice, field.attname, getattr(page, field.attname))
                practice.page_ptr_id = page.pk
                for theme in rng.sample(themes, 2):
                    tagged.append(PracticeTheme(content_object_id=page.pk, tag_id=theme.pk))
                for group in rng.sample(groups, 2):
                    grouped.append(
                        PracticePage.target_groups.through(practicepage_id=page.pk, targetgroup_id=group.pk)
                    )
            # Django refuses bulk_create on multi-table inheritance; insert the child rows directly.
            PracticePage.objects.all()._batched_insert(
                practices, PracticePage._meta.local_concrete_fields, batch_size=500
            )
            PracticeTheme.objects.bulk_create(tagged)
            PracticePage.target_groups.through.objects.bulk_create(grouped)
            print(f"  {min(start + batch, count)} / {count}", flush=True)
        for folder in folders:
            Page.objects.filter(pk=folder.pk).update(numchild=counters[folder.pk])


def embed_corpus() -> tuple[int, int]:
    """Vectors for the semantic signal: the demo practices through the model; each synthetic practice
    borrows the vector of the demo practice it was cloned from (same title and summary), plus a little
    noise, and its own filter values. Returns (embedded by the model, borrowed)."""
    from search.documents import document_for_type
    from search.semantic.actions import embed_documents
    from search.semantic.encoder import MODEL_ID
    from search.semantic.store import DocumentEmbedding, TextEmbedding, content_hash
    from search.semantic.texts import filter_values

    doc = document_for_type("practice")
    have = set(DocumentEmbedding.objects.filter(doc_type="practice").values_list("object_id", flat=True))
    demo = list(doc.queryset().exclude(slug__startswith="synthetic-").order_by("pk"))
    model = embed_documents("practice", [p.pk for p in demo if p.pk not in have]).embedded
    vectors = {
        row.object_id: row.embedding.as_array().astype(np.float32)
        for row in DocumentEmbedding.objects.filter(
            doc_type="practice", object_id__in=[p.pk for p in demo]
        ).select_related("embedding")
    }
    rng = np.random.default_rng(20261202)
    borrowed = 0
    for batch in doc.batches(VECTOR_BATCH):
        todo = [p for p in batch if p.slug.startswith("synthetic-") and p.pk not in have]
        if not todo:
            continue
        embeddings, rows = [], []
        for page in todo:
            original = demo[int(page.slug.removeprefix("synthetic-")) % len(demo)]
            noisy = vectors[original.pk] + rng.standard_normal(vectors[original.pk].shape) * VECTOR_NOISE
            digest = content_hash(f"bench-noise {page.pk}")
            embeddings.append(
                TextEmbedding(
                    content_hash=digest,
                    model_id=MODEL_ID,
                    vector=TextEmbedding.pack(noisy / np.linalg.norm(noisy)),
                )
            )
            # The concepts named in the title and summary are the original's (the clone only adds
            # " (N)" to its title): reading them with the original's title reuses its cached expansion.
            page.title = original.title
            rows.append((page.pk, digest, filter_values(doc, page)))
        TextEmbedding.objects.bulk_create(embeddings, ignore_conflicts=True)
        by_hash = dict(
            TextEmbedding.objects.filter(content_hash__in=[d for _pk, d, _v in rows]).values_list(
                "content_hash", "pk"
            )
        )
        DocumentEmbedding.objects.bulk_create(
            [
                DocumentEmbedding(
                    doc_type="practice",
                    object_id=pk,
                    content_hash=digest,
                    embedding_id=by_hash[digest],
                    filter_values=values,
                )
                for pk, digest, values in rows
            ],
            ignore_conflicts=True,
        )
        borrowed += len(rows)
        print(f"  vectors: {borrowed} synthetic practices", flush=True)
    return model, borrowed
