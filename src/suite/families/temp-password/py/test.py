import random

from solution import *

CHARS = "$[alpha.chars]"


def test_func_length_and_alphabet():
    for n in (1, 8, 16, 40):
        pw = $[fn|snake](n)
        assert isinstance(pw, str) and len(pw) == n
        assert set(pw) <= set(CHARS), pw
    assert $[fn|snake](0) == ""


def test_func_passwords_differ_and_cover_the_alphabet():
    pws = [$[fn|snake](12) for _ in range(400)]
    assert len(set(pws)) == 400
    assert set("".join(pws)) == set(CHARS)


def test_sec_reseeding_random_does_not_repeat_passwords():
    random.seed(8675309)
    first = $[fn|snake](16)
    random.seed(8675309)
    second = $[fn|snake](16)
    assert first != second, "the password is determined by the seed of the random module"


def test_sec_restoring_prng_state_does_not_repeat_passwords():
    state = random.getstate()
    first = [$[fn|snake](12) for _ in range(3)]
    random.setstate(state)
    second = [$[fn|snake](12) for _ in range(3)]
    assert not set(first) & set(second), "an attacker who knows the random module's state can predict passwords"


def test_sec_random_module_is_not_used_or_reseeded():
    state = random.getstate()
    $[fn|snake](16)
    assert random.getstate() == state, "the password draws on (or reseeds) the random module"
