// COPY's text format as pg_restore writes it, decoded the way PostgreSQL reads it: the path a
// pg_dump backup takes into the embedded database (scripts/backup/pg-tools.ts).
import { describe, expect, it } from 'vitest';
import { copyField } from '../../scripts/backup/pg-tools.ts';

describe('copyField', () => {
  it('reads \\N as NULL and plain text as is, Vietnamese included', () => {
    expect(copyField('\\N')).toBeNull();
    expect(copyField('')).toBe('');
    expect(copyField('Ủy ban nhân dân tỉnh Phú Thọ')).toBe('Ủy ban nhân dân tỉnh Phú Thọ');
  });

  it('undoes the escapes PostgreSQL writes: backslash, tab, newline, carriage return and the rest', () => {
    expect(copyField('a\\tb\\nc\\rd')).toBe('a\tb\nc\rd');
    expect(copyField('C:\\\\path')).toBe('C:\\path');
    expect(copyField('\\b\\f\\v')).toBe('\b\f\v');
    expect(copyField('\\101\\x42')).toBe('AB'); // octal and hex forms
    expect(copyField('\\\\x4142')).toBe('\\x4142'); // a bytea in hex, as bytea_in reads it
    expect(copyField('{"a":"b\\\\"c"}')).toBe('{"a":"b\\"c"}');
    expect(copyField('\\N-not-null')).toBe('N-not-null'); // only the whole field \N is NULL
  });
});
