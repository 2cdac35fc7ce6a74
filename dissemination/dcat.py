"""DCAT-AP metadata of the open data, in Turtle: one dcat:Catalog with a dataset of practices, one of
events and one of library resources, each distribution with its download URL, format, media type and
licence, so EU open-data portals (data.europa.eu and national portals) can harvest it."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from core.links import absolute_url

from .licences import LICENCE_URLS, Licence

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
EU_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
EU_LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
EU_ACCESS = Namespace("http://publications.europa.eu/resource/authority/access-right/")
IANA = Namespace("https://www.iana.org/assignments/media-types/")

DATASETS = {
    "practices": {
        "title": "Integration practices of European local and regional authorities",
        "description": (
            "Practices published by members of the network to integrate third-country nationals, with "
            "their outcome indicators. Only practices under an open licence are included; each row "
            "names its own licence (CC BY 4.0, CC BY-SA 4.0 or CC0 1.0)."
        ),
        "files": ["practices.csv", "practice-indicators.csv", "practices.json"],
        "keywords": ["integration", "migration", "local authorities", "AMIF", "good practices"],
    },
    "events": {
        "title": "Events of the integration network",
        "description": "Trainings, workshops, mutual-learning sessions and study visits of the network.",
        "files": ["events.csv", "events.json"],
        "keywords": ["integration", "training", "events", "mutual learning"],
    },
    "resources": {
        "title": "Library of tools and guidelines of the integration network",
        "description": (
            "Guidelines, toolkits, training curricula, evaluation reports, campaign material and research "
            "published by the network, with links to their files in each language. The records are under "
            "CC BY 4.0; the linked files keep their own terms of use."
        ),
        "files": ["resources.csv", "resources.json"],
        "keywords": ["integration", "guidelines", "toolkits", "training curricula"],
    },
}
FORMATS = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json")}


def catalogue_url() -> str:
    return absolute_url(reverse("dissemination:open_data_file", kwargs={"filename": "catalogue.ttl"}))


def catalogue_graph(files: dict[str, bytes]) -> Graph:
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        graph.bind(prefix, namespace)
    now = Literal(timezone.now().replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    home = absolute_url("/")
    publisher = URIRef(home + "#network")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(settings.WAGTAIL_SITE_NAME, lang="en")))
    graph.add((publisher, FOAF.homepage, URIRef(home)))
    contact = URIRef(home + "#contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(settings.WAGTAIL_SITE_NAME)))
    graph.add((contact, VCARD.hasURL, URIRef(absolute_url(reverse("dissemination:open_data")))))

    catalogue = URIRef(catalogue_url())
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, Literal(f"{settings.WAGTAIL_SITE_NAME}: open data", lang="en")))
    graph.add((catalogue, DCTERMS.description, Literal("Open data of the integration network.", lang="en")))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, URIRef(absolute_url(reverse("dissemination:open_data")))))
    graph.add((catalogue, DCTERMS.modified, now))
    graph.add((catalogue, DCTERMS.language, EU_LANGUAGE.ENG))

    cc_by = URIRef(LICENCE_URLS[Licence.CC_BY_4])
    cc_by_sa = URIRef(LICENCE_URLS[Licence.CC_BY_SA_4])
    for licence in (cc_by, cc_by_sa):
        graph.add((licence, RDF.type, DCTERMS.LicenseDocument))

    for key, meta in DATASETS.items():
        dataset = URIRef(f"{catalogue}#{key}")
        graph.add((catalogue, DCAT.dataset, dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
        graph.add((dataset, DCTERMS.title, Literal(meta["title"], lang="en")))
        graph.add((dataset, DCTERMS.description, Literal(meta["description"], lang="en")))
        graph.add((dataset, DCTERMS.publisher, publisher))
        graph.add((dataset, DCAT.contactPoint, contact))
        graph.add((dataset, DCAT.theme, EU_THEME.SOCI))
        graph.add((dataset, DCTERMS.accessRights, EU_ACCESS.PUBLIC))
        graph.add((dataset, DCTERMS.modified, now))
        graph.add((dataset, DCAT.landingPage, URIRef(absolute_url(reverse("dissemination:open_data")))))
        for keyword in meta["keywords"]:
            graph.add((dataset, DCAT.keyword, Literal(keyword, lang="en")))
        for filename in meta["files"]:
            extension = filename.rsplit(".", 1)[1]
            file_type, media_type = FORMATS[extension]
            url = URIRef(absolute_url(reverse("dissemination:open_data_file", kwargs={"filename": filename})))
            distribution = URIRef(f"{url}#distribution")
            graph.add((dataset, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCTERMS.title, Literal(filename)))
            graph.add((distribution, DCAT.accessURL, url))
            graph.add((distribution, DCAT.downloadURL, url))
            graph.add((distribution, DCTERMS.format, EU_FILE_TYPE[file_type]))
            graph.add((EU_FILE_TYPE[file_type], RDF.type, DCTERMS.MediaTypeOrExtent))
            graph.add((distribution, DCAT.mediaType, IANA[media_type]))
            graph.add((IANA[media_type], RDF.type, DCTERMS.MediaType))
            graph.add(
                (
                    distribution,
                    DCAT.byteSize,
                    Literal(len(files.get(filename, b"")), datatype=XSD.nonNegativeInteger),
                )
            )
            # Rows carry their own licence; the file as a whole needs at most share-alike.
            graph.add((distribution, DCTERMS.license, cc_by_sa if key == "practices" else cc_by))
            graph.add((distribution, DCTERMS.modified, now))
    dictionary = URIRef(
        absolute_url(reverse("dissemination:open_data_file", kwargs={"filename": "data-dictionary.json"}))
    )
    for key in DATASETS:
        graph.add((URIRef(f"{catalogue}#{key}"), FOAF.page, dictionary))
    graph.add((dictionary, RDF.type, FOAF.Document))
    return graph


def catalogue_turtle(files: dict[str, bytes]) -> bytes:
    return catalogue_graph(files).serialize(format="turtle").encode("utf-8")
