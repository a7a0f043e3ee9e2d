"""An adversary's reader of SQLite files, written from SQLite's file-format document: the main database's
b-tree pages (cells, freeblocks, unallocated space), the freelist, the write-ahead log's frames (including
stale frames of earlier generations) and the `-shm` index's page lists. It knows nothing of Prongsai's code;
it looks at bytes the way someone with a copy of the files would."""
import struct
from dataclasses import dataclass, field


def varint(data, offset):
    """A SQLite varint at `offset`: (value, bytes used)."""
    value = 0
    for index in range(8):
        byte = data[offset + index]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, index + 1
    return (value << 8) | data[offset + 8], 9


def record(payload):
    """The values of a record (the row format of table and index cells)."""
    header_size, used = varint(payload, 0)
    types = []
    position = used
    while position < header_size:
        serial, used = varint(payload, position)
        types.append(serial)
        position += used
    values = []
    body = header_size
    sizes = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8, 7: 8, 8: 0, 9: 0}
    for serial in types:
        if serial in (8, 9):
            values.append(serial - 8)
            continue
        size = sizes.get(serial, (serial - 12) // 2 if serial >= 12 else 0)
        raw = payload[body:body + size]
        body += size
        if serial == 0:
            values.append(None)
        elif 1 <= serial <= 6:
            values.append(int.from_bytes(raw, "big", signed=True))
        elif serial == 7:
            values.append(struct.unpack(">d", raw)[0])
        elif serial >= 12 and serial % 2 == 0:
            values.append(bytes(raw))
        else:
            values.append(bytes(raw).decode("utf-8", "replace"))
    return values


@dataclass
class Cell:
    page: int
    offset: int
    rowid: int
    payload: bytes


@dataclass
class Page:
    number: int
    data: bytes
    kind: int = 0
    cells: list = field(default_factory=list)
    free_regions: list = field(default_factory=list)


def parse_page(number, data):
    """A page's b-tree header, its leaf cells with their offsets, and its free space (the gap between the cell
    pointers and the cell content, and the freeblock chain), which may hold stale bytes."""
    page = Page(number, data)
    start = 100 if number == 1 else 0
    kind = data[start]
    if kind not in (2, 5, 10, 13):
        return page
    page.kind = kind
    count = struct.unpack(">H", data[start + 3:start + 5])[0]
    content = struct.unpack(">H", data[start + 5:start + 7])[0] or 65536
    header = 8 if kind in (10, 13) else 12
    pointers = start + header
    page.free_regions.append((pointers + 2 * count, content))
    freeblock = struct.unpack(">H", data[start + 1:start + 3])[0]
    seen = set()
    while freeblock and freeblock not in seen and freeblock + 4 <= len(data):
        seen.add(freeblock)
        following, size = struct.unpack(">HH", data[freeblock:freeblock + 4])
        page.free_regions.append((freeblock + 4, freeblock + size))
        freeblock = following
    if kind in (10, 13):
        for index in range(count):
            offset = struct.unpack(">H", data[pointers + 2 * index:pointers + 2 * index + 2])[0]
            if offset >= len(data):
                continue
            try:
                size, used = varint(data, offset)
                position = offset + used
                rowid = 0
                if kind == 13:
                    rowid, used = varint(data, position)
                    position += used
                page.cells.append(Cell(number, offset, rowid, bytes(data[position:position + size])))
            except IndexError:
                continue
    return page


@dataclass
class Database:
    page_size: int
    pages: list
    free_pages: set


def parse_database(data):
    """Every page of a main database file, and which pages are on the freelist."""
    if len(data) < 100:
        return Database(4096, [], set())
    page_size = struct.unpack(">H", data[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = [parse_page(number + 1, data[number * page_size:(number + 1) * page_size])
             for number in range(len(data) // page_size)]
    free_pages = set()
    trunk = struct.unpack(">I", data[32:36])[0]
    while trunk and trunk not in free_pages and trunk <= len(pages):
        free_pages.add(trunk)
        raw = pages[trunk - 1].data
        following, leaves = struct.unpack(">II", raw[:8])
        for index in range(min(leaves, (page_size - 8) // 4)):
            free_pages.add(struct.unpack(">I", raw[8 + 4 * index:12 + 4 * index])[0])
        trunk = following
    return Database(page_size, pages, free_pages)


@dataclass
class Frame:
    position: int
    page: int
    commit: int
    salt: tuple
    data: bytes


def parse_wal(data):
    """Every frame in a write-ahead log file, in file order, valid or stale, with its salts."""
    if len(data) < 32:
        return []
    magic, _, page_size, _, salt1, salt2 = struct.unpack(">IIIIII", data[:24])
    if magic not in (0x377F0682, 0x377F0683) or page_size == 0:
        return []
    frames = []
    position = 32
    index = 0
    while position + 24 + page_size <= len(data):
        page, commit, s1, s2 = struct.unpack(">IIII", data[position:position + 16])
        frames.append(Frame(index, page, commit, (s1, s2), data[position + 24:position + 24 + page_size]))
        position += 24 + page_size
        index += 1
    return frames


def shm_page_lists(data):
    """The page number the `-shm` index lists for each frame, across all its hash segments, zeros included."""
    if len(data) < 136:
        return []
    listed = []
    segment = 0
    while True:
        start = 136 if segment == 0 else segment * 32768
        count = 4062 if segment == 0 else 4096
        if start + 4 * count > len(data):
            break
        listed.extend(struct.unpack("<%dI" % count, data[start:start + 4 * count]))
        segment += 1
    return listed


def generation_order(frames):
    """Frames ordered as the log's history: earlier generations (smaller salt-1, which SQLite increments at each
    restart) first, then by position."""
    return sorted(frames, key=lambda frame: (frame.salt[0], frame.position))


def pairwise_agreement(true_rank, guess):
    """Of the pairs whose guessed order differs, the share the guess puts in their true order (None without any),
    the pairs compared and the items they came from. `guess` maps an item to a sortable value where larger means
    'came later'."""
    items = [item for item in guess if item in true_rank]
    agree = total = 0
    for i, first in enumerate(items):
        for second in items[i + 1:]:
            a, b = guess[first], guess[second]
            if a == b:
                continue
            total += 1
            if (a < b) == (true_rank[first] < true_rank[second]):
                agree += 1
    return (agree / total if total else None), total, len(items)


def chance_limit(pairs, items, floor=0.55):
    """The most a guess with no information may agree, at three standard deviations: a share of pairs
    compared among few items varies more than their number suggests (Kendall's tau has a variance of
    2(2n+5)/(9n(n-1)) for n items, the share a quarter of it); never below `floor`."""
    if not pairs or items < 2:
        return 1.0
    by_items = (2 * (2 * items + 5) / (9 * items * (items - 1))) ** 0.5 / 2
    by_pairs = 0.5 / pairs ** 0.5
    return max(floor, 0.5 + 3 * max(by_items, by_pairs))
