"""The public SPARQL endpoint's engine room: the guard that refuses queries which would make
the server reach out (``guard``), result writing with a row cap (``results``), and the runners
that bound each query's time and the number running at once (``runner``, ``worker``)."""
