"""Plays the agency's IT officer with a copy of the database files: submits a few hundred EIT and a few dozen
IIT answers (with access codes) in a known order, copies the files at several moments, reads the raw pages,
WAL frames and `-shm` index with its own parser, and tries every way it knows to recover the order of the
answers and to join codes to answers. Each attack must do no better than chance."""
import collections
import os
import pathlib
import random
import re
import shutil
import signal
import subprocess
import sqlite3
import tempfile
import threading
import time

import requests

from conftest import Server
from sqlite_files import (
    chance_limit, generation_order, pairwise_agreement, parse_database, parse_page, parse_wal, record, shm_page_lists,
)

EIT_COUNT = 1000
IIT_COUNT = 40
SETTLE = 3.0
REPORT = pathlib.Path(__file__).resolve().parents[2] / "test-output" / "file-order.txt"


def options(html):
    """The radio options of a form page, by field name, in page order."""
    found = collections.OrderedDict()
    for name, value in re.findall(r'type="radio" name="([a-z0-9]+)" value="([^"]+)"', html):
        found.setdefault(name, []).append(value)
    return found


def distinct_answers(fields, index, profile_names, generator):
    """Answers whose stored text is unique to `index`: the first six scale fields spell it in base 4."""
    answers = {}
    digits = index
    scale = [name for name, values in fields.items() if name not in profile_names and len(values) == 4]
    for name in scale[:6]:
        answers[name] = fields[name][digits % 4]
        digits //= 4
    for name, values in fields.items():
        answers.setdefault(name, generator.choice(values))
    return answers


def stored_text(answers, profile_names):
    """The answers as the store writes them: field=code pairs in field-id order."""
    return ",".join(f"{key}={value}" for key, value in sorted(answers.items()) if key not in profile_names)


class Run:
    """One server and the answers submitted to it, in order, with what identifies each in the files."""

    def __init__(self):
        self.server = Server().demo_with_codes()
        self.texts = {}
        self.rank = {}
        self.tokens = {}
        self.code_of = {}
        self.generator = random.Random(8)
        self.noise_stop = threading.Event()
        self.noise_thread = None
        self.copies = []

    def submit_known(self):
        session = requests.Session()
        eit = options(session.get(f"{self.server.base}/demo/eit").text)
        profile = {"gender", "age", "education", "contact"}
        codes = self.server.codes
        order = [("eit", index) for index in range(EIT_COUNT)] + [("iit", index) for index in range(IIT_COUNT)]
        self.generator.shuffle(order)
        iit_fields = None
        for rank, (form, index) in enumerate(order):
            key = f"{form}{index}"
            browser = requests.Session()
            if form == "iit":
                code = codes[index]
                entered = browser.post(f"{self.server.base}/demo/iit/code", data={"code": code}, allow_redirects=False)
                assert entered.status_code == 303, entered.text
                self.code_of[key] = code.replace("-", "")
            html = browser.get(f"{self.server.base}/demo/{form}").text
            fields = options(html) if form == "iit" else eit
            if form == "iit":
                iit_fields = fields
            answers = distinct_answers(fields, index, profile, self.generator)
            token = re.search(r'name="token" value="([^"]+)"', html).group(1)
            answers["token"] = token
            sent = browser.post(f"{self.server.base}/demo/{form}", data=answers, allow_redirects=False)
            assert sent.status_code == 303, sent.text[:500]
            self.texts[stored_text({k: v for k, v in answers.items() if k != "token"}, profile).encode()] = key
            self.rank[key] = rank
            self.tokens[bytes.fromhex(token.split(".")[0])] = key
        assert iit_fields is not None

    def start_noise(self):
        """Other answers keep arriving, as under load; they are not among those whose order is sought."""
        self.noise_stop.clear()

        def loop():
            session = requests.Session()
            deadline = time.monotonic() + 60
            while not self.noise_stop.is_set() and time.monotonic() < deadline:
                try:
                    html = session.get(f"{self.server.base}/demo/eit", timeout=5).text
                    fields = options(html)
                    answers = {name: random.choice(values) for name, values in fields.items()}
                    answers["token"] = re.search(r'name="token" value="([^"]+)"', html).group(1)
                    session.post(f"{self.server.base}/demo/eit", data=answers, allow_redirects=False, timeout=5)
                except (requests.RequestException, AttributeError):
                    time.sleep(0.05)

        self.noise_thread = threading.Thread(target=loop, daemon=True)
        self.noise_thread.start()

    def stop_noise(self):
        self.noise_stop.set()
        if self.noise_thread:
            self.noise_thread.join(timeout=10)

    def copy(self, name):
        """A copy of the main file, `-wal`, `-shm` and the count file as they are now, read while the server runs."""
        target = pathlib.Path(tempfile.mkdtemp(prefix=f"prongsai-copy-{name}-"))
        self.copies.append(target)
        for suffix in ("", "-wal", "-shm", "-acknowledged"):
            source = self.server.database + suffix
            if os.path.exists(source):
                shutil.copyfile(source, target / ("db.sqlite" + suffix))
        return target


def find_known(data, texts):
    """Every place in `data` that holds the stored text of a known answer: (offset, key). A text may run into
    whatever follows it, so each run of answer-like bytes is tried at every known length."""
    lengths = {len(text) for text in texts}
    found = []
    for match in re.finditer(rb"[ei]\d+[a-z]?=[0-9a-z]+(?:,[ei]\d+[a-z]?=[0-9a-z]+)+", data):
        for length in lengths:
            key = texts.get(data[match.start():match.start() + length])
            if key is not None:
                found.append((match.start(), key))
    return found


def attacks(folder, run):
    """Every order guess the files allow, as (name, agreement or None, pairs compared), and the stale copies."""
    main = (folder / "db.sqlite").read_bytes()
    wal = (folder / "db.sqlite-wal").read_bytes() if (folder / "db.sqlite-wal").exists() else b""
    shm = (folder / "db.sqlite-shm").read_bytes() if (folder / "db.sqlite-shm").exists() else b""
    database = parse_database(main)
    results = []
    live_page = {}
    in_page_offset = {}
    rowids = {}
    stale = 0
    for page in database.pages:
        if page.number in database.free_pages:
            stale += len(find_known(page.data, run.texts))
            continue
        for start, end in page.free_regions:
            stale += len(find_known(page.data[start:end], run.texts))
        for cell in page.cells:
            for _, key in find_known(cell.payload, run.texts):
                live_page[key] = page.number
                # A cell allocated later sits lower in its page.
                in_page_offset[key] = (page.number, -cell.offset)
                rowids[key] = cell.rowid
    within = {}
    for key, (number, offset) in in_page_offset.items():
        within.setdefault(number, {})[key] = offset
    agree = total = items = 0
    for group in within.values():
        share, pairs, count = pairwise_agreement(run.rank, group)
        if share is not None:
            agree += share * pairs
            total += pairs
            items += count
    results.append(("cell offset within a page", agree / total if total else None, total, items))
    results.append(("page number", *pairwise_agreement(run.rank, live_page)))
    results.append(("row id / slot", *pairwise_agreement(run.rank, rowids)))

    frames = parse_wal(wal)
    first_seen = {}
    for order, frame in enumerate(generation_order(frames)):
        for _, key in find_known(frame.data, run.texts):
            first_seen.setdefault(key, order)
    results.append(("first WAL frame holding it", *pairwise_agreement(run.rank, first_seen)))

    listed = shm_page_lists(shm)
    last_written = {}
    for position, number in enumerate(listed):
        if number:
            last_written[number] = position
    by_index = {key: last_written[number] for key, number in live_page.items() if number in last_written}
    results.append(("-shm: last frame writing its page", *pairwise_agreement(run.rank, by_index)))

    token_place = {}
    token_seen = {}
    for page in database.pages:
        for nonce, key in run.tokens.items():
            offset = page.data.find(nonce)
            if offset >= 0:
                token_place[key] = (page.number, offset)
    for order, frame in enumerate(generation_order(frames)):
        for nonce, key in run.tokens.items():
            if nonce in frame.data:
                token_seen.setdefault(key, order)
    results.append(("spent token: place in file", *pairwise_agreement(run.rank, token_place)))
    results.append(("spent token: first WAL frame", *pairwise_agreement(run.rank, token_seen)))
    return results, stale, first_seen, in_page_offset, frames, database


def spent_codes(page, codes):
    """The known codes a page's cells show as spent (an access-code row: round, hash, code, batch, used,
    withdrawn), with their cell offsets."""
    for cell in page.cells:
        try:
            values = record(cell.payload)
        except (IndexError, ValueError):
            continue
        if len(values) == 6 and values[2] in codes and values[4] == 1:
            yield values[2], cell.offset


def code_matches(run, first_seen, in_page_offset, frames, database):
    """The best number of IIT answers any attack joins to their true code: by when each code shows as spent in
    the log against when each answer first shows, and by place in the file."""
    codes = set(run.code_of.values())
    spent_seen = {}
    spent_place = {}
    for order, frame in enumerate(generation_order(frames)):
        for code, _ in spent_codes(parse_page(frame.page, frame.data), codes):
            spent_seen.setdefault(code, order)
    for page in database.pages:
        for code, offset in spent_codes(page, codes):
            spent_place[code] = (page.number, -offset)
    best = 0
    for code_order, answer_order in ((spent_seen, first_seen), (spent_place, in_page_offset)):
        ranked_codes = sorted((value, code) for code, value in code_order.items())
        ranked_answers = sorted((answer_order[key], key) for key in run.code_of if key in answer_order)
        matched = sum(1 for (_, code), (_, key) in zip(ranked_codes, ranked_answers) if run.code_of[key] == code)
        best = max(best, matched)
    return best


def found_in_main_file(run, database):
    """How many known answers, spent tokens and spent codes the parser finds in the main file's live cells and
    pages: the attacks above are only worth their figures if it sees (nearly) all of them."""
    answers = {key for page in database.pages for cell in page.cells for _, key in find_known(cell.payload, run.texts)}
    tokens = {key for nonce, key in run.tokens.items() if any(nonce in page.data for page in database.pages)}
    codes = {code for page in database.pages for code, _ in spent_codes(page, set(run.code_of.values()))}
    return len(answers), len(tokens), len(codes)


def assess(name, folder, run, lines):
    results, stale, first_seen, in_page_offset, frames, database = attacks(folder, run)
    matched = code_matches(run, first_seen, in_page_offset, frames, database)
    answers, tokens, codes = found_in_main_file(run, database)
    lines.append(f"{name}: found {answers} of {len(run.texts)} answers, {tokens} tokens, {codes} spent codes")
    assert answers == len(run.texts) and tokens == len(run.tokens) and codes == len(run.code_of), name
    for attack, share, pairs, items in results:
        shown = "n/a (nothing to compare)" if share is None else (
            f"{share:.3f} over {pairs} pairs of {items} answers (chance allows {chance_limit(pairs, items):.3f})")
        lines.append(f"  {attack}: {shown}")
    lines.append(f"  stale copies in free space and free pages: {stale}")
    lines.append(f"  codes joined to their answers by the best attack: {matched} of {len(run.code_of)}")
    for attack, share, pairs, items in results:
        # At most 55 %, or what chance alone reaches over so few answers, whichever is more.
        if share is not None:
            assert share <= chance_limit(pairs, items), f"{name}: {attack} recovers order ({share:.3f}, {pairs} pairs)"
    assert stale == 0, f"{name}: {stale} stale copies of answers in free space"
    # Random guessing joins one on average; five or more happens by chance less than 0.4 % of the time.
    assert matched <= 4, f"{name}: {matched} codes joined to their answers"


def test_copies_of_the_files_reveal_no_order_and_no_code():
    run = Run()
    run.server.start()
    lines = []
    try:
        run.submit_known()
        run.start_noise()
        time.sleep(SETTLE)
        assess("copy under load", run.copy("load"), run, lines)
        run.stop_noise()
        time.sleep(SETTLE)
        assess("copy when idle", run.copy("idle"), run, lines)
        # The files' times say the day, and the change time is that of the last blurring, a second ago at most:
        # the database files' and the count file's of acknowledged answers, written after every commit.
        for suffix in ("", "-wal", "-shm", "-acknowledged"):
            path = run.server.database + suffix
            assert suffix == "-wal" or os.path.exists(path), suffix
            if os.path.exists(path):
                status = os.stat(path)
                assert (int(status.st_mtime) + 7 * 3600) % 86400 == 0, suffix
                assert time.time() - status.st_ctime < 3, suffix
        # The count file holds the running total and nothing else.
        counted = pathlib.Path(run.server.database + "-acknowledged").read_bytes()
        assert re.fullmatch(rb"\d{20}\n", counted) and int(counted) >= EIT_COUNT + IIT_COUNT, counted
        backup = pathlib.Path(tempfile.mkdtemp(prefix="prongsai-backup-")) / "db.sqlite"
        run.copies.append(backup.parent)
        run.server.cli("backup", str(backup))
        assess("prongsai backup", backup.parent, run, lines)
        run.start_noise()
        time.sleep(SETTLE)
        run.server.process.send_signal(signal.SIGKILL)
        run.server.process.wait(timeout=10)
        run.stop_noise()
        assess("copy after SIGKILL under load", run.copy("killed"), run, lines)
        run.server.start()
        run.start_noise()
        time.sleep(SETTLE)
        run.stop_noise()
        run.server.stop()
        assess("copy after a clean stop", run.copy("stopped"), run, lines)
    finally:
        run.stop_noise()
        if run.server.process.poll() is None:
            run.server.stop()
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text("\n".join(lines) + "\n")
        for folder in run.copies + [pathlib.Path(run.server.folder)]:
            shutil.rmtree(folder, ignore_errors=True)


def test_the_analyser_sees_order_where_there_is_some():
    """The same attacks against a table kept the usual way (random keys, one commit per answer, WAL): they must
    recover the order, or the test above could not fail."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="prongsai-control-"))
    path = folder / "db.sqlite"
    keeper = sqlite3.connect(path)
    keeper.execute("PRAGMA journal_mode=WAL")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE response (id BLOB PRIMARY KEY, answers TEXT) WITHOUT ROWID")
    generator = random.Random(3)
    run = Run.__new__(Run)
    run.texts, run.rank, run.tokens, run.code_of = {}, {}, {}, {}
    for rank in range(200):
        text = ",".join(f"e{n}={generator.choice('1234')}" for n in range(1, 16)) + f",e99={rank}"
        writer.execute("INSERT INTO response VALUES (?, ?)", (generator.randbytes(16), text))
        run.texts[text.encode()] = f"r{rank}"
        run.rank[f"r{rank}"] = rank
    shutil.copyfile(path, folder / "copy.sqlite")
    shutil.copyfile(str(path) + "-wal", folder / "copy.sqlite-wal")
    shutil.copyfile(str(path) + "-shm", folder / "copy.sqlite-shm")
    copy = pathlib.Path(tempfile.mkdtemp(prefix="prongsai-control-copy-"))
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(folder / ("copy.sqlite" + suffix), copy / ("db.sqlite" + suffix))
    results = {name: share for name, share, _, _ in attacks(copy, run)[0]}
    lines = [f"control, WAL copy: {name} {share}" for name, share in results.items()]
    assert results["first WAL frame holding it"] > 0.95
    writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpointed = pathlib.Path(tempfile.mkdtemp(prefix="prongsai-control-main-"))
    shutil.copyfile(path, checkpointed / "db.sqlite")
    results = {name: share for name, share, _, _ in attacks(checkpointed, run)[0]}
    lines += [f"control, main file: {name} {share}" for name, share in results.items()]
    (REPORT.parent / "file-order-control.txt").write_text("\n".join(lines) + "\n")
    assert results["cell offset within a page"] > 0.6
    writer.close()
    keeper.close()
    for path in (folder, copy, checkpointed):
        shutil.rmtree(path, ignore_errors=True)
