#ifndef PRONGSAI_CZLIB_SHIM_H
#define PRONGSAI_CZLIB_SHIM_H
#include <zlib.h>

/// Compresses `length` bytes at `input` into a raw deflate stream (no zlib header or trailer, as zip entries hold)
/// at `output`, which has room for `*outputLength` bytes; on return `*outputLength` is the stream's length.
/// Returns Z_OK, or Z_BUF_ERROR when the output did not fit. deflateInit2 is a macro, which Swift cannot call.
static inline int prongsai_deflate_raw(const unsigned char *input, unsigned long length, unsigned char *output,
                                       unsigned long *outputLength) {
    z_stream stream = {0};
    int status = deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    if (status != Z_OK) return status;
    stream.next_in = (unsigned char *)input;
    stream.avail_in = (uInt)length;
    stream.next_out = output;
    stream.avail_out = (uInt)*outputLength;
    status = deflate(&stream, Z_FINISH);
    *outputLength = stream.total_out;
    deflateEnd(&stream);
    return status == Z_STREAM_END ? Z_OK : Z_BUF_ERROR;
}

/// Compresses `length` bytes at `input` into a gzip stream (RFC 1952: header, deflate, CRC-32 and length), as HTTP's
/// `Content-Encoding: gzip` carries, at `level` (1 fastest to 9 smallest), into `output` of `*outputLength` bytes;
/// on return `*outputLength` is the stream's length. Returns Z_OK, or Z_BUF_ERROR when the output did not fit.
static inline int prongsai_gzip(const unsigned char *input, unsigned long length, unsigned char *output,
                                unsigned long *outputLength, int level) {
    z_stream stream = {0};
    int status = deflateInit2(&stream, level, Z_DEFLATED, MAX_WBITS + 16, 8, Z_DEFAULT_STRATEGY);
    if (status != Z_OK) return status;
    stream.next_in = (unsigned char *)input;
    stream.avail_in = (uInt)length;
    stream.next_out = output;
    stream.avail_out = (uInt)*outputLength;
    status = deflate(&stream, Z_FINISH);
    *outputLength = stream.total_out;
    deflateEnd(&stream);
    return status == Z_STREAM_END ? Z_OK : Z_BUF_ERROR;
}

/// The most bytes a raw deflate stream of `length` input bytes can take.
static inline unsigned long prongsai_deflate_bound(unsigned long length) {
    return compressBound(length);
}
#endif
