"""Files to a Corpus: the one loader (reading, the cache, the analysis stages) the
command line, the reader and serve use."""
