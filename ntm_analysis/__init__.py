"""ntm-analysis: clean, check and chart data on Vietnam's New Rural Development programme (NTM).

The package owns the data model (`schemas`, `dictionary`), the raw → processed build (`build`),
the criteria reference (`criteria`) and the text/number/gazetteer layer (`textnorm`, `numbers`,
`gazetteer`). Notebooks under ``notebooks/`` only call these modules.
"""

__version__ = "0.1.0"
