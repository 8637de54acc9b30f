"""Bulk conversion of many report files into a warehouse-ready dataset (``ogi convert``,
``ogi load``). See ``docs/dataset.md`` for the tables and ``ogi.convert.run`` for the stages::

    inputs → hash (journal) → worker pool / Dask → journal → consolidate → Parquet, DuckDB, CSV
"""
