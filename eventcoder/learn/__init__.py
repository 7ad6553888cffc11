"""Learning a codebook's categories from a researcher's own coded texts, and coding with the
rules and the trained model together (``eventcoder train``, ``--trained DIR``): see
:mod:`.train` and :mod:`.trained`."""
