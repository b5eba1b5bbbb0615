"""Korean particles chosen by the last syllable (목적이, 담당부서가) for messages."""

from __future__ import annotations


def has_final(word: str) -> bool:
    """Whether the last syllable of ``word`` ends in a consonant (받침)."""
    for ch in reversed(word.strip()):
        if "가" <= ch <= "힣":
            return (ord(ch) - 0xAC00) % 28 != 0
        if ch.isalnum():
            return ch in "0136789lmnLMN"  # read aloud: 영 일 삼 육 칠 팔 구, -l -m -n
    return False


def ga(word: str) -> str:
    """``word`` with its subject particle: 목적이, 담당부서가."""
    return word + ("이" if has_final(word) else "가")
