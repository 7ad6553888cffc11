"""Progress: an honest rate (no spikes, no freezes, start-up excluded) and partitions that
give every worker work."""
from __future__ import annotations

import pytest

from eventcoder.corpus import CorpusJob
from eventcoder.parallel import CoderSpec
from eventcoder.progress import WINDOW_SECONDS, CodingProgress, RateMeter
from eventcoder.runner import RunPlan


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_rate_leaves_out_start_up_and_does_not_spike_when_batches_land_together():
    clock = Clock()
    meter = RateMeter(total=1000, clock=clock)
    clock.now = 80.0  # the workers load the model: nothing done, no rate, no ETA
    assert meter.rate() == 0.0 and meter.eta() is None
    meter.add(100)  # the first batch marks the start of coding
    for second in range(81, 101):  # then 10 documents a second for 20 s
        clock.now = second
        meter.add(10)
    assert meter.rate() == pytest.approx(10.0)
    meter.add(200)  # two partitions land at the same moment
    clock.now += 0.001
    assert meter.rate() < 25  # the rate over the time since the start of coding, not 1e5/s
    assert meter.eta() == pytest.approx((1000 - 500) / meter.rate())


def test_the_rate_keeps_falling_while_nothing_arrives():
    clock = Clock()
    meter = RateMeter(total=100, clock=clock)
    meter.add(1)
    for second in range(1, 11):
        clock.now = second
        meter.add(5)
    steady = meter.rate()
    clock.now = 10 + WINDOW_SECONDS / 2  # a stall: the rate is measured up to now
    assert meter.rate() < steady / 2


def test_a_progress_log_holds_the_shown_and_the_true_rates(tmp_path):
    log = tmp_path / "progress.tsv"
    with CodingProgress(False, total=3, log=log) as bar:
        for _ in range(3):
            bar.advance(1)
    lines = log.read_text().splitlines()
    assert lines[0].split("\t") == ["elapsed_s", "done", "total", "rate_docs_s", "eta_s"]
    final = lines[-1].split("\t")
    assert final[1:3] == ["3", "3"] and "final: whole run" in final[-1]


@pytest.mark.parametrize("workers,total,size", [(2, 300, 19), (2, 1651, 104), (4, 100_000, 500),
                                                (1, 300, 500), (2, None, 500)])
def test_partitions_give_every_worker_work(workers, total, size):
    job = CorpusJob(RunPlan(("in.jsonl",), CoderSpec(("acled",)), None), lambda: iter(()),
                    None, None, workers=workers)
    assert job.partition_size(total) == size
    if total and workers > 1:
        assert -(-total // size) >= workers  # at least one partition per worker
