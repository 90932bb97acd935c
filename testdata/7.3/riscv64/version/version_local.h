/* SPDX-License-Identifier: GPL-2.0 */
/* A local header: srcversion hashes every source a module's .cmd file lists that lives
 * under the module directory, so this file is part of the checksum. */
#ifndef PM_VERSION_LOCAL_H
#define PM_VERSION_LOCAL_H
#define PM_VERSION_STRING "2.0.1-pm"
#define PM_ANSWER 42
#endif
