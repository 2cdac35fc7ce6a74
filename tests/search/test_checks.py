"""Misconfigured search is reported by system checks, never by a crash."""

from search.checks import check_search_engine


def ids(settings_url, settings):
    settings.SEARCH_URL = settings_url
    return [message.id for message in check_search_engine()]


def test_no_message_without_search_url(settings):
    assert ids("", settings) == []


def test_malformed_url_is_an_error(settings):
    assert ids("localhost:9200", settings) == ["search.E001"]
    assert ids("http://:9200", settings) == ["search.E001"]
    assert ids("http://127.0.0.1:99999", settings) == ["search.E001"]


def test_unreachable_engine_is_a_warning_not_a_crash(settings):
    settings.SEARCH_TIMEOUT = 1
    assert ids("http://127.0.0.1:9", settings) == ["search.W001"]


def test_unknown_engine_is_an_error(settings):
    settings.SEARCH_ENGINE = "solr"
    assert ids("http://127.0.0.1:9200", settings) == ["search.E002"]


def test_a_cluster_is_every_node_comma_separated_and_each_must_be_well_formed(settings):
    settings.SEARCH_TIMEOUT = 1
    assert ids("http://127.0.0.1:9, http://127.0.0.1:8", settings) == ["search.W001"]
    assert ids("http://127.0.0.1:9,127.0.0.1:9201", settings) == ["search.E001"]
    assert ids(" , ", settings) == ["search.E001"]
