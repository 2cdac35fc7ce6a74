"""Network-wide search: an OpenSearch/Elasticsearch index with facets, or Wagtail's database search."""
