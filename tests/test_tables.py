"""pymodpost/tables.py: how a table is fitted to a width -- natural, prose narrowed, optional
columns left out by priority, one block per row -- never breaking an unbreakable cell."""

from __future__ import annotations

import pytest

from pymodpost.tables import Column, fit, output_width, plain_table

COLUMNS = (Column("#", drop=2, right=True), Column("type"), Column("symbol"),
           Column("formula", prose=True, drop=1), Column("address"))
ROWS = [("7", "R_RISCV_PCREL_LO12_I", "param_ops_charp", "low 12 bits of the HI20 partner's value",
         "0xffffffff002ad088"),
        ("12", "R_RISCV_64", "__this_module", "S + A", "0xffffffff002ae080")]


def widest(lines: list[str]) -> int:
    return max(len(line) for line in lines)


def test_no_width_keeps_every_column_at_its_natural_width():
    layout = fit(COLUMNS, ROWS, None)
    assert layout.shown == (0, 1, 2, 3, 4) and layout.dropped == ()
    assert layout.widths == (2, 20, 15, 39, 18)


def test_prose_narrows_to_its_longest_word_before_anything_is_dropped():
    natural = sum((2, 20, 15, 39, 18)) + 2 * 4
    layout = fit(COLUMNS, ROWS, natural - 10)
    assert layout.shown == (0, 1, 2, 3, 4) and layout.widths[3] == 29
    lines = plain_table(COLUMNS, ROWS, natural - 10)
    assert widest(lines) <= natural - 10
    assert lines[1].split()[:3] == ["7", "R_RISCV_PCREL_LO12_I", "param_ops_charp"]
    assert lines[2].split() == ["partner's", "value"]  # the formula's second line, the rest empty


def test_optional_columns_go_highest_drop_first():
    # the formula's longest word ("partner's", 9) no longer fits beside the others: '#' goes first
    tight = 20 + 15 + 9 + 18 + 2 * 3 + 2 + 2
    layout = fit(COLUMNS, ROWS, tight - 1)
    assert layout.shown == (1, 2, 3, 4) and layout.dropped == ("#",)
    layout = fit(COLUMNS, ROWS, 20 + 15 + 18 + 4)
    assert layout.shown == (1, 2, 4) and layout.dropped == ("#", "formula")
    lines = plain_table(COLUMNS, ROWS, 20 + 15 + 18 + 4)
    assert widest(lines) <= 57 and "(not shown at this width: #, formula" in " ".join(lines)


def test_below_the_required_columns_one_block_per_row():
    lines = plain_table(COLUMNS, ROWS, 40)
    assert fit(COLUMNS, ROWS, 40).blocks
    assert lines[:5] == ["- #        7", "  type     R_RISCV_PCREL_LO12_I", "  symbol   param_ops_charp",
                         "  formula  low 12 bits of the HI20", "           partner's value"]
    assert widest(lines) <= 40
    for row in ROWS:  # every cell, the optional ones too, each unbreakable one whole on a line
        for column, value in zip(COLUMNS, row):
            if not column.prose:
                assert any(line.split()[-1] == value for line in lines), value


def test_an_unbreakable_cell_wider_than_the_terminal_stays_whole():
    lines = plain_table((Column("symbol"),), [("a_symbol_name_far_longer_than_the_width",)], 10)
    assert "a_symbol_name_far_longer_than_the_width" in lines[-1]


@pytest.mark.parametrize("value,expected", [("80", 80), ("120", 120), ("", None), ("0", None), ("wide", None)])
def test_output_width_of_a_pipe_is_columns_or_none(monkeypatch, value, expected):
    import io

    monkeypatch.setenv("COLUMNS", value)
    assert output_width(io.StringIO()) == expected


def test_a_column_dropped_early_comes_back_when_a_wider_one_made_room():
    """'note' goes first (drop 2), then 'bytes' (drop 1) too; without 'bytes', 'note' fits again."""
    columns = (Column("name"), Column("note", prose=True, drop=2), Column("bytes", drop=1))
    rows = [("a_twenty_char_symbol", "short words here", "00 11 22 33 44 55 66 77 88 99")]
    layout = fit(columns, rows, 40)
    assert layout.shown == (0, 1) and layout.widths == (20, 16) and layout.dropped == ("bytes",)
    assert fit(columns, rows, 20 + 2 + 29).shown == (0, 2)  # 'bytes' fits alone: 'note' stays out
