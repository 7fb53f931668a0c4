"""The QR encoder: Reed–Solomon against the standard's worked example, structure, and a round trip
through an independent reader written here from the standard (no decoder is installed)."""

import pytest

from thidua.decisions import qr

# ISO/IEC 18004 worked example "HELLO WORLD", version 1-M: data and error-correction codewords.
HELLO_DATA = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
HELLO_EC = [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]
# Format information for level M, masks 0–7 (the standard's table).
FORMAT_M = [
    "101010000010010",
    "101000100100101",
    "101111001111100",
    "101101101001011",
    "100010111111001",
    "100000011001110",
    "100111110010111",
    "100101010100000",
]
VERSION_INFO = {7: 0x07C94, 8: 0x085BC, 9: 0x09A99, 10: 0x0A4D3}


def test_reed_solomon_matches_the_hello_world_example():
    assert qr.rs_remainder(HELLO_DATA, 10) == HELLO_EC


def test_format_bits_for_level_m_match_the_table():
    assert [format(qr.format_bits(m), "015b") for m in range(8)] == FORMAT_M


def test_version_information_matches_the_table():
    assert {v: qr.version_bits(v) for v in VERSION_INFO} == VERSION_INFO


@pytest.mark.parametrize(("length", "version"), [(14, 1), (15, 2), (62, 4), (63, 5), (213, 10)])
def test_the_smallest_version_that_holds_the_bytes_is_chosen(length, version):
    assert qr.choose_version(length) == version


def test_more_than_a_version_10_symbol_holds_is_refused():
    with pytest.raises(qr.QrTooLong):
        qr.encode(b"x" * 214)


def _read_format(m) -> tuple[int, int]:
    """Read the first copy of the format information and return (level bits, mask)."""
    bits = 0
    positions = [(i, 8) for i in range(6)] + [(7, 8), (8, 8), (8, 7)] + [(8, 14 - i) for i in range(9, 15)]
    for i, (r, c) in enumerate(positions):
        bits |= int(m[r][c]) << i
    data = (bits ^ 0x5412) >> 10
    return data >> 3, data & 7


def _finder_ok(m, top, left) -> bool:
    for dr in range(7):
        for dc in range(7):
            ring = max(abs(dr - 3), abs(dc - 3))
            if m[top + dr][left + dc] != (ring != 2):
                return False
    return True


def _function_modules(version: int) -> set[tuple[int, int]]:
    size = 17 + 4 * version
    taken = set()
    for top, left in ((0, 0), (0, size - 8), (size - 8, 0)):
        taken |= {(top + r, left + c) for r in range(8) for c in range(8)}
    taken |= {(6, i) for i in range(size)} | {(i, 6) for i in range(size)}
    taken |= {(8, i) for i in range(9)} | {(i, 8) for i in range(9)}
    taken |= {(8, size - 1 - i) for i in range(8)} | {(size - 1 - i, 8) for i in range(8)}
    centres = qr._ALIGNMENT[version]
    for r in centres:
        for c in centres:
            if (r, c) in ((6, 6), (6, size - 7), (size - 7, 6)):
                continue
            taken |= {(r + dr, c + dc) for dr in range(-2, 3) for dc in range(-2, 3)}
    if version >= 7:
        taken |= {(r, size - 11 + c) for r in range(6) for c in range(3)}
        taken |= {(size - 11 + r, c) for r in range(3) for c in range(6)}
    return taken


def _read_bytes(code: qr.QrCode) -> bytes:
    """Unmask, read the codewords in zigzag order, check and strip the EC blocks, decode byte mode."""
    m, version, size = code.modules, code.version, code.size
    mask = _read_format(m)[1]
    taken = _function_modules(version)
    bits = []
    col, upward = size - 1, True
    while col > 0:
        if col == 6:
            col -= 1
        for row in range(size - 1, -1, -1) if upward else range(size):
            for c in (col, col - 1):
                if (row, c) in taken:
                    continue
                flip = qr._mask_applies(mask, row, c)
                bits.append(int(m[row][c]) ^ int(flip))
        col -= 2
        upward = not upward
    words = [int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits) - 7, 8)]
    ec_size, groups = qr._BLOCKS_M[version]
    sizes = [size_ for count, size_ in groups for _ in range(count)]
    blocks: list[list[int]] = [[] for _ in sizes]
    pos = 0
    for i in range(max(sizes)):
        for b, n in enumerate(sizes):
            if i < n:
                blocks[b].append(words[pos])
                pos += 1
    ecs: list[list[int]] = [[] for _ in sizes]
    for _ in range(ec_size):
        for b in range(len(sizes)):
            ecs[b].append(words[pos])
            pos += 1
    for block, ec in zip(blocks, ecs, strict=True):
        assert qr.rs_remainder(block, ec_size) == ec  # every block's check codewords agree
    data = [x for block in blocks for x in block]
    stream = "".join(format(x, "08b") for x in data)
    assert stream[:4] == "0100"
    width = 8 if version <= 9 else 16
    length = int(stream[4 : 4 + width], 2)
    start = 4 + width
    return bytes(int(stream[start + 8 * i : start + 8 * i + 8], 2) for i in range(length))


@pytest.mark.parametrize(
    "payload",
    [
        b"http://127.0.0.1:8000/xac-minh/Zx3_k9-QpL2mN8vT4rYb1A",
        "Nguyễn Thị Ánh – Giấy khen".encode(),
        b"A" * 150,  # version 8: two block sizes
        b"0123456789" * 21,  # version 10: 16-bit count
    ],
)
def test_symbol_has_finders_timing_format_and_reads_back(payload):
    code = qr.encode(payload)
    m, size = code.modules, code.size
    assert size == 17 + 4 * code.version
    assert _finder_ok(m, 0, 0) and _finder_ok(m, 0, size - 7) and _finder_ok(m, size - 7, 0)
    assert all(m[6][i] == (i % 2 == 0) for i in range(8, size - 8))
    assert all(m[i][6] == (i % 2 == 0) for i in range(8, size - 8))
    assert m[size - 8][8]  # the dark module
    assert _read_format(m) == (0b00, code.mask)
    if code.version >= 7:
        bits = sum(int(m[i // 3][size - 11 + i % 3]) << i for i in range(18))
        assert bits == VERSION_INFO[code.version]
    assert _read_bytes(code) == payload


def test_every_mask_gives_a_readable_symbol():
    payload = b"https://thidua.example.vn/xac-minh/abc"
    for mask in range(8):
        code = qr.encode(payload, mask=mask)
        assert code.mask == mask
        assert _read_bytes(code) == payload


def test_svg_draws_one_path_inside_a_quiet_zone():
    svg = qr.to_svg(qr.encode("http://127.0.0.1:8000/xac-minh/x"), size_mm=20, title="Mã xác minh")
    assert svg.startswith("<svg") and 'width="20mm"' in svg
    assert 'viewBox="0 0 37 37"' in svg  # 29 modules + 2 × 4 quiet zone
    assert "<title>Mã xác minh</title>" in svg
