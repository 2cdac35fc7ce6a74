"""The open-data page and its files (served from storage; built on first request if missing)."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from .open_data import FILES, data_dictionary, publish_open_data, storage_name

CATALOGUE = "catalogue.ttl"
MEDIA_TYPES = {**{name: media for name, (media, _text) in FILES.items()}, CATALOGUE: "text/turtle"}


def open_data_page(request: HttpRequest) -> HttpResponse:
    context = {"files": FILES, "catalogue": CATALOGUE, "dictionary": data_dictionary()}
    return TemplateResponse(request, "dissemination/open_data.html", context)


def open_data_file(request: HttpRequest, filename: str) -> FileResponse:
    if filename not in MEDIA_TYPES:
        raise Http404
    name = storage_name(filename)
    if not default_storage.exists(name):
        publish_open_data()
    response = FileResponse(default_storage.open(name, "rb"), content_type=MEDIA_TYPES[filename])
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
