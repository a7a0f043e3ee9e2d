#ifndef PRONGSAI_CQRENCODE_SHIM_H
#define PRONGSAI_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
