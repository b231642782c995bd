import random

from solution import *


def test_func_format():
    for _ in range(50):
        code = $[fn|snake]()
        assert isinstance(code, str) and len(code) == $[digits.n] and code.isdigit(), code


def test_func_codes_vary_and_keep_leading_zeros():
    codes = [$[fn|snake]() for _ in range(2000)]
    assert len(set(codes)) >= 1990
    assert {c[0] for c in codes} == set("0123456789"), "leading digits are not uniform (zeros dropped?)"


def test_sec_reseeding_random_does_not_repeat_codes():
    random.seed(424242)
    first = [$[fn|snake]() for _ in range(3)]
    random.seed(424242)
    second = [$[fn|snake]() for _ in range(3)]
    assert first != second, "the codes are determined by the seed of the random module"


def test_sec_restoring_prng_state_does_not_repeat_codes():
    state = random.getstate()
    first = [$[fn|snake]() for _ in range(3)]
    random.setstate(state)
    second = [$[fn|snake]() for _ in range(3)]
    assert first != second, "an attacker who knows the random module's state can predict codes"


def test_sec_random_module_is_not_used_or_reseeded():
    state = random.getstate()
    $[fn|snake]()
    assert random.getstate() == state, "the code draws on (or reseeds) the random module"
