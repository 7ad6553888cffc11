"""Learning a codebook's categories from a researcher's own coded texts, and coding with the
rules and the trained model together (``eventcoder train``, ``--trained DIR``): see
:mod:`.train` and :mod:`.trained`."""


def check_trained(directory, codebooks) -> None:
    """Raise the located error a worker would meet loading the model in ``directory``."""
    from .trained import TrainedModel
    TrainedModel.load(directory, codebooks)
