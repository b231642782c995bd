import random
import re

from solution import *


def test_func_format():
    token = $[fn|snake]()
    assert isinstance(token, str)
    assert re.fullmatch(r"[0-9a-f]{$[bytes.hex]}", token), token


def test_func_tokens_are_distinct():
    tokens = {$[fn|snake]() for _ in range(500)}
    assert len(tokens) == 500


def test_func_all_hex_digits_appear():
    seen = set("".join($[fn|snake]() for _ in range(50)))
    assert seen == set("0123456789abcdef")


def test_sec_reseeding_random_does_not_repeat_tokens():
    random.seed(20240607)
    first = $[fn|snake]()
    random.seed(20240607)
    second = $[fn|snake]()
    assert first != second, "the token is determined by the seed of the random module"


def test_sec_restoring_prng_state_does_not_repeat_tokens():
    state = random.getstate()
    first = [$[fn|snake]() for _ in range(3)]
    random.setstate(state)
    second = [$[fn|snake]() for _ in range(3)]
    assert not set(first) & set(second), "an attacker who knows the random module's state can predict tokens"


def test_sec_random_module_is_not_used_or_reseeded():
    state = random.getstate()
    $[fn|snake]()
    assert random.getstate() == state, "the token draws on (or reseeds) the random module"
