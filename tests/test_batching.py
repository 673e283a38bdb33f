from hypothesis import given
from hypothesis import strategies as st

from claimscope.batching import batches


@given(st.lists(st.integers(min_value=0, max_value=9)), st.integers(min_value=1, max_value=20))
def test_batches_keep_every_item_in_order_and_close_at_the_size(weights, size):
    out = list(batches(weights, size, weight=lambda w: w))
    assert [w for b in out for w in b] == weights
    for b in out[:-1]:
        assert sum(b) >= size > sum(b[:-1])  # closed by its last item, not later
    assert all(out)


def test_batches_read_items_only_as_needed():
    taken = []

    def items():
        for i in range(10):
            taken.append(i)
            yield i

    first = next(batches(items(), 3))
    assert first == [0, 1, 2] and taken == [0, 1, 2]
