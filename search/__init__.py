"""Search: passage store, lexical (BM25 over lemmas) and dense (FAISS) indexes, fusion."""
