"""A small QR Code encoder (ISO/IEC 18004): byte mode, versions 1–10, error correction level M.

Pure Python, no Django: it turns bytes into a square matrix of dark (True) and light (False) modules and
draws the matrix as inline SVG. Certificates carry the public verification address this way, since no QR
package is installed. The steps follow the standard: encode the data bits, add Reed–Solomon codewords per
block over GF(256) (primitive polynomial 0x11D), interleave the blocks, place the function patterns and
the data in the zigzag order, then try the eight masks and keep the one with the lowest penalty.
"""

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Per version, level M: (error-correction codewords per block, [(number of blocks, data codewords)]).
_BLOCKS_M: dict[int, tuple[int, tuple[tuple[int, int], ...]]] = {
    1: (10, ((1, 16),)),
    2: (16, ((1, 28),)),
    3: (26, ((1, 44),)),
    4: (18, ((2, 32),)),
    5: (24, ((2, 43),)),
    6: (16, ((4, 27),)),
    7: (18, ((4, 31),)),
    8: (22, ((2, 38), (2, 39))),
    9: (22, ((3, 36), (2, 37))),
    10: (26, ((4, 43), (1, 44))),
}
# Centres of the alignment patterns (rows and columns alike).
_ALIGNMENT: dict[int, tuple[int, ...]] = {
    1: (),
    2: (6, 18),
    3: (6, 22),
    4: (6, 26),
    5: (6, 30),
    6: (6, 34),
    7: (6, 22, 38),
    8: (6, 24, 42),
    9: (6, 26, 46),
    10: (6, 28, 50),
}
# Bits left over after the last codeword.
_REMAINDER_BITS = {1: 0, 2: 7, 3: 7, 4: 7, 5: 7, 6: 7, 7: 0, 8: 0, 9: 0, 10: 0}
MAX_VERSION = 10
LEVEL_M_BITS = 0b00  # the two-bit indicator of level M in the format information
_FORMAT_MASK = 0x5412
_FORMAT_GENERATOR = 0x537
_VERSION_GENERATOR = 0x1F25


class QrTooLong(ValueError):  # noqa: N818 - mirrors ValueError
    """The data does not fit in a version-10 symbol at level M."""


# --- GF(256) and Reed–Solomon -----------------------------------------------------------------------

_EXP = [0] * 512
_LOG = [0] * 256
_x = 1
for _i in range(255):
    _EXP[_i] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
for _i in range(255, 512):
    _EXP[_i] = _EXP[_i - 255]


def gf_multiply(a: int, b: int) -> int:
    """Multiply two elements of GF(256)."""
    if a == 0 or b == 0:
        return 0
    return _EXP[_LOG[a] + _LOG[b]]


def rs_generator(degree: int) -> list[int]:
    """Return the generator polynomial (x − α⁰)(x − α¹)…(x − α^(degree−1)), highest power first."""
    poly = [1]
    for i in range(degree):
        nxt = [0] * (len(poly) + 1)
        for j, coef in enumerate(poly):
            nxt[j] ^= coef
            nxt[j + 1] ^= gf_multiply(coef, _EXP[i])
        poly = nxt
    return poly


def rs_remainder(data: Sequence[int], degree: int) -> list[int]:
    """Return the `degree` error-correction codewords of `data` (the remainder of data·x^degree / g)."""
    generator = rs_generator(degree)
    rem = [0] * degree
    for byte in data:
        factor = byte ^ rem[0]
        rem = [*rem[1:], 0]
        for i in range(degree):
            rem[i] ^= gf_multiply(generator[i + 1], factor)
    return rem


# --- Data codewords -----------------------------------------------------------------------------------


def data_capacity(version: int) -> int:
    """Return the number of data codewords of `version` at level M."""
    return sum(count * size for count, size in _BLOCKS_M[version][1])


def byte_capacity(version: int) -> int:
    """Return how many bytes fit in `version` at level M in byte mode."""
    count_bits = 8 if version <= 9 else 16
    return (data_capacity(version) * 8 - 4 - count_bits) // 8


def choose_version(length: int) -> int:
    """Return the smallest version whose level-M byte capacity holds `length` bytes."""
    for version in range(1, MAX_VERSION + 1):
        if length <= byte_capacity(version):
            return version
    raise QrTooLong(f"{length} bytes do not fit in a version {MAX_VERSION}-M QR code.")


def data_codewords(data: bytes, version: int) -> list[int]:
    """Return the data codewords: mode 0100, character count, the bytes, terminator, padding."""
    bits: list[int] = []

    def put(value: int, width: int) -> None:
        bits.extend((value >> (width - 1 - i)) & 1 for i in range(width))

    put(0b0100, 4)
    put(len(data), 8 if version <= 9 else 16)
    for byte in data:
        put(byte, 8)
    capacity = data_capacity(version) * 8
    if len(bits) > capacity:
        raise QrTooLong(f"{len(data)} bytes do not fit in version {version}-M.")
    bits.extend([0] * min(4, capacity - len(bits)))
    bits.extend([0] * (-len(bits) % 8))
    codewords = [int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits), 8)]
    pad = (0xEC, 0x11)
    i = 0
    while len(codewords) < data_capacity(version):
        codewords.append(pad[i % 2])
        i += 1
    return codewords


def split_blocks(codewords: Sequence[int], version: int) -> list[list[int]]:
    """Split data codewords into the version's blocks (short blocks first)."""
    blocks: list[list[int]] = []
    pos = 0
    for count, size in _BLOCKS_M[version][1]:
        for _ in range(count):
            blocks.append(list(codewords[pos : pos + size]))
            pos += size
    return blocks


def final_codewords(data: bytes, version: int) -> list[int]:
    """Return the interleaved data and error-correction codewords of the symbol."""
    ec_size = _BLOCKS_M[version][0]
    blocks = split_blocks(data_codewords(data, version), version)
    ecs = [rs_remainder(b, ec_size) for b in blocks]
    out: list[int] = []
    for i in range(max(len(b) for b in blocks)):
        out.extend(b[i] for b in blocks if i < len(b))
    for i in range(ec_size):
        out.extend(e[i] for e in ecs)
    return out


# --- Format and version information -------------------------------------------------------------------


def format_bits(mask: int, level_bits: int = LEVEL_M_BITS) -> int:
    """Return the 15 format-information bits for the level and mask (BCH(15,5), then XOR 0x5412)."""
    data = (level_bits << 3) | mask
    rem = data
    for _ in range(10):
        rem = (rem << 1) ^ ((rem >> 9) * _FORMAT_GENERATOR)
    return ((data << 10) | rem) ^ _FORMAT_MASK


def version_bits(version: int) -> int:
    """Return the 18 version-information bits (BCH(18,6)) for versions 7 and above."""
    rem = version
    for _ in range(12):
        rem = (rem << 1) ^ ((rem >> 11) * _VERSION_GENERATOR)
    return (version << 12) | rem


# --- The matrix ----------------------------------------------------------------------------------------


def _mask_applies(mask: int, row: int, col: int) -> bool:
    if mask == 0:
        return (row + col) % 2 == 0
    if mask == 1:
        return row % 2 == 0
    if mask == 2:
        return col % 3 == 0
    if mask == 3:
        return (row + col) % 3 == 0
    if mask == 4:
        return (row // 2 + col // 3) % 2 == 0
    if mask == 5:
        return (row * col) % 2 + (row * col) % 3 == 0
    if mask == 6:
        return ((row * col) % 2 + (row * col) % 3) % 2 == 0
    return ((row + col) % 2 + (row * col) % 3) % 2 == 0


@dataclass(frozen=True)
class QrCode:
    """A finished symbol: `modules[row][col]` is True for a dark module."""

    version: int
    mask: int
    modules: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Return the number of modules per side (17 + 4 × version)."""
        return len(self.modules)


class _Grid:
    def __init__(self, version: int) -> None:
        self.version = version
        self.size = 17 + 4 * version
        self.dark = [[False] * self.size for _ in range(self.size)]
        self.function = [[False] * self.size for _ in range(self.size)]

    def set(self, row: int, col: int, dark: bool) -> None:
        self.dark[row][col] = dark
        self.function[row][col] = True

    def draw_function_patterns(self) -> None:
        size = self.size
        for i in range(size):  # timing patterns
            self.set(6, i, i % 2 == 0)
            self.set(i, 6, i % 2 == 0)
        for row, col in ((0, 0), (0, size - 7), (size - 7, 0)):
            self._finder(row, col)
        centres = _ALIGNMENT[self.version]
        last = len(centres) - 1
        for i, r in enumerate(centres):
            for j, c in enumerate(centres):
                if (i, j) in ((0, 0), (0, last), (last, 0)):
                    continue  # these would overlap a finder pattern
                for dr in range(-2, 3):
                    for dc in range(-2, 3):
                        self.set(r + dr, c + dc, max(abs(dr), abs(dc)) != 1)
        self.draw_format(0)  # reserve the format areas; redrawn with the chosen mask
        if self.version >= 7:
            bits = version_bits(self.version)
            for i in range(18):
                bit = (bits >> i) & 1 == 1
                a, b = size - 11 + i % 3, i // 3
                self.set(b, a, bit)  # top right: 6 rows × 3 columns
                self.set(a, b, bit)  # bottom left: 3 rows × 6 columns

    def _finder(self, top: int, left: int) -> None:
        for dr in range(-1, 8):
            for dc in range(-1, 8):
                r, c = top + dr, left + dc
                if not (0 <= r < self.size and 0 <= c < self.size):
                    continue
                inside = 0 <= dr <= 6 and 0 <= dc <= 6
                ring = max(abs(dr - 3), abs(dc - 3))
                self.set(r, c, inside and ring != 2)  # the separator (ring 4) is light too

    def draw_format(self, mask: int) -> None:
        bits = format_bits(mask)
        size = self.size

        def bit(i: int) -> bool:
            return (bits >> i) & 1 == 1

        for i in range(6):
            self.set(i, 8, bit(i))
        self.set(7, 8, bit(6))
        self.set(8, 8, bit(7))
        self.set(8, 7, bit(8))
        for i in range(9, 15):
            self.set(8, 14 - i, bit(i))
        for i in range(8):
            self.set(8, size - 1 - i, bit(i))
        for i in range(8, 15):
            self.set(size - 15 + i, 8, bit(i))
        self.set(size - 8, 8, True)  # the dark module

    def place_data(self, codewords: Sequence[int]) -> None:
        bits = [(cw >> (7 - i)) & 1 for cw in codewords for i in range(8)]
        bits.extend([0] * _REMAINDER_BITS[self.version])
        index = 0
        upward = True
        col = self.size - 1
        while col > 0:
            if col == 6:
                col -= 1  # the vertical timing pattern is skipped
            rows = range(self.size - 1, -1, -1) if upward else range(self.size)
            for row in rows:
                for c in (col, col - 1):
                    if self.function[row][c]:
                        continue
                    self.dark[row][c] = index < len(bits) and bits[index] == 1
                    index += 1
            upward = not upward
            col -= 2

    def row_ints(self) -> list[int]:
        """Return each row as an integer, the leftmost module the highest bit."""
        return [int("".join("1" if v else "0" for v in row), 2) for row in self.dark]


@functools.cache
def _mask_rows(version: int, mask: int) -> tuple[int, ...]:
    """Return, per row, the bits a mask flips: data modules where the mask's condition holds."""
    grid = _Grid(version)
    grid.draw_function_patterns()
    size = grid.size
    rows = []
    for r in range(size):
        bits = 0
        for c in range(size):
            bits <<= 1
            if not grid.function[r][c] and _mask_applies(mask, r, c):
                bits |= 1
        rows.append(bits)
    return tuple(rows)


_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = re.compile(r"(?=10111010000|00001011101)")


def penalty(modules: Sequence[Sequence[bool]]) -> int:
    """Return the mask penalty score (rules N1–N4 of the standard)."""
    return _penalty_of_rows(["".join("1" if v else "0" for v in row) for row in modules])


def _penalty_of_rows(rows: list[str]) -> int:
    size = len(rows)
    cols = ["".join(col) for col in zip(*rows, strict=True)]
    score = 0
    for line in rows + cols:
        for run in _RUN.findall(line):
            score += 3 + (len(run) - 5)
        score += 40 * len(_FINDER_LIKE.findall(line))
    # 2 × 2 blocks of one colour, with each row as an integer: bit i equals bit i+1 and the row below.
    ints = [int(r, 2) for r in rows]
    full = (1 << (size - 1)) - 1
    for a, b in itertools.pairwise(ints):
        same_down = ~(a ^ b)
        same_right = ~(a ^ (a >> 1))
        score += 3 * (same_right & same_down & (same_down >> 1) & full).bit_count()
    dark = sum(r.count("1") for r in rows)
    total = size * size
    # 10 points for every full 5 % step the dark share lies outside 45–55 %.
    score += 10 * max(0, (abs(dark * 20 - total * 10) + total - 1) // total - 1)
    return score


def encode(data: bytes | str, *, version: int | None = None, mask: int | None = None) -> QrCode:
    """Encode `data` (str as UTF-8) in byte mode at level M; choose the version and mask unless given."""
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    needed = choose_version(len(payload))
    if version is None:
        version = needed
    elif not needed <= version <= MAX_VERSION:
        raise QrTooLong(f"{len(payload)} bytes do not fit in version {version}-M.")
    grid = _Grid(version)
    grid.draw_function_patterns()
    grid.place_data(final_codewords(payload, version))
    candidates = range(8) if mask is None else (mask,)
    best: tuple[int, int, list[str]] | None = None
    size = grid.size
    for m in candidates:
        grid.draw_format(m)
        rows = [
            format(a ^ b, f"0{size}b") for a, b in zip(grid.row_ints(), _mask_rows(version, m), strict=True)
        ]
        score = _penalty_of_rows(rows)
        if best is None or score < best[0]:
            best = (score, m, rows)
    assert best is not None
    _, chosen, rows = best
    return QrCode(version=version, mask=chosen, modules=tuple(tuple(ch == "1" for ch in row) for row in rows))


def to_svg(code: QrCode, *, size_mm: float = 24.0, quiet_zone: int = 4, title: str = "") -> str:
    """Draw the symbol as an inline SVG of `size_mm` square, with the 4-module quiet zone."""
    n = code.size + 2 * quiet_zone
    parts = []
    for r, row in enumerate(code.modules):
        c = 0
        while c < code.size:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < code.size and row[c]:
                c += 1
            parts.append(f"M{start + quiet_zone} {r + quiet_zone}h{c - start}v1h-{c - start}z")
    label = f"<title>{_escape(title)}</title>" if title else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" width="{size_mm}mm" '
        f'height="{size_mm}mm" shape-rendering="crispEdges" role="img">{label}'
        f'<rect width="{n}" height="{n}" fill="#fff"/><path d="{"".join(parts)}" fill="#000"/></svg>'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
