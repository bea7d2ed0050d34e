#!/usr/bin/python3
"""mkbad.py DIR: write the catalogue of bad audio files used by bad_input.sh.

Every file is made here from scratch (no binary committed): empty, text,
truncated, a huge header, 0 channels, 1 frame, NaN and Inf samples, a
2-hour header over a sparse file, and one good clip for comparison."""
import math, os, struct, sys

d = sys.argv[1]


def riff(fmt_tag, ch, rate, bits, data, data_size=None, fmt_size=16):
    """A RIFF/WAVE file with one fmt and one data chunk."""
    ds = len(data) if data_size is None else data_size
    block = max(ch, 1) * bits // 8
    fmt = struct.pack('<HHIIHH', fmt_tag, ch, rate, rate * block, block, bits)
    fmt += b'\0' * (fmt_size - 16)
    body = b'WAVE' + b'fmt ' + struct.pack('<I', fmt_size) + fmt + b'data' + struct.pack('<I', ds)
    return b'RIFF' + struct.pack('<I', min(len(body) + ds, 0xFFFFFFFF)) + body + data


def put(name, data):
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


rate = 32000
tone = [0.5 * math.sin(2 * math.pi * 220 * i / rate) * (1 + 0.3 * math.sin(i / 4000)) for i in range(rate * 4)]
good = riff(3, 1, rate, 32, struct.pack('<%df' % len(tone), *tone))
put('good.wav', good)
put('empty.wav', b'')
put('text.wav', b'this is not audio, just words in a file named .wav\n' * 20)
put('truncated.wav', good[:len(good) // 3] + b'')  # header says 4 s, data has 1.3 s
put('truncated-header.wav', good[:30])
put('huge-header.wav', riff(1, 1, rate, 16, b'\x01\x00' * 100, data_size=0xFFFFFFF0))
put('huge-fmt.wav', good[:16] + struct.pack('<I', 0x7FFFFFF0) + good[20:])
put('zero-channels.wav', riff(1, 0, rate, 16, b'\x01\x00' * 1000))
put('one-frame.wav', riff(1, 1, rate, 16, b'\x01\x00'))
for name, bad in (('nan.wav', float('nan')), ('inf.wav', float('inf'))):
    x = list(tone)
    x[12345] = bad
    put(name, riff(3, 1, rate, 32, struct.pack('<%df' % len(x), *x)))
frames = 7200 * rate  # two hours, 16-bit mono: 460 MB, sparse on disk
hdr = riff(1, 1, rate, 16, b'', data_size=frames * 2)
with open(os.path.join(d, 'two-hours.wav'), 'wb') as f:
    f.write(hdr)
    f.truncate(len(hdr) + frames * 2)
