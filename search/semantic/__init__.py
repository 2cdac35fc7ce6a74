"""The semantic signal of search: sentence embeddings that let a query meet a practice in another language.

- `encoder`: the multilingual model (Universal Sentence Encoder, shipped inside a PyPI package, offline);
- `store`: the vectors in the database, one per text content hash (never embedded twice);
- `actions` / `tasks` / `signals`: a practice is embedded by its own background task when published;
- `vectors`: a memory-mapped float32 matrix of the live vectors that every worker shares, with the
  filter values needed to apply a search's filters to this signal too;
- `fusion`: how the semantic and lexical scores are normalised and combined into one ranking.
"""
