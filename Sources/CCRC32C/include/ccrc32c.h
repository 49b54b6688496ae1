#ifndef CCRC32C_H
#define CCRC32C_H
#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has a CRC-32C instruction (x86-64 SSE4.2, ARMv8 CRC), else 0.
int ccrc32c_hardware(void);

/// Continues a CRC-32C over `bytes` with the CPU instruction, on the *raw* register value
/// (the caller does the ~ before and after). Only call it when ccrc32c_hardware() is 1.
uint32_t ccrc32c_extend_raw(uint32_t crc, const void *bytes, size_t count);

#endif
