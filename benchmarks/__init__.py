"""drill's benchmark suite (issue 10): ``python -m benchmarks [--quick] [--json PATH]``.

Not tests: they build their own data (:mod:`benchmarks.generate`), run each figure several
times interleaved with a baseline measured in the same run (:mod:`benchmarks.cases`), and
print one table (:mod:`benchmarks.measure`). Probes that need a fresh process live in
:mod:`benchmarks.probes`; the optional comparison with Anki in :mod:`benchmarks.anki_cases`.
"""
