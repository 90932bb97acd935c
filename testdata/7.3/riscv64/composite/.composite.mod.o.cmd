savedcmd_composite.mod.o := riscv64-linux-gnu-gcc -Wp,-MMD,./.composite.mod.o.d -nostdinc -I/root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include -I/root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated -I/root/.cache/pymodpost/riscv64-7.3/src/include -I/root/.cache/pymodpost/riscv64-7.3/build/include -I/root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi -I/root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi -I/root/.cache/pymodpost/riscv64-7.3/src/include/uapi -I/root/.cache/pymodpost/riscv64-7.3/build/include/generated/uapi -include /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler-version.h -include /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kconfig.h -include /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler_types.h -D__KERNEL__ -fshort-wchar -funsigned-char -fno-common -fno-PIE -fno-strict-aliasing -std=gnu11 -fms-extensions -mabi=lp64 -march=rv64imac_zicsr_zifencei -mno-save-restore -mcmodel=medany -fno-asynchronous-unwind-tables -fno-unwind-tables -mno-riscv-attribute -Wa,-mno-arch-attr -mstrict-align -fno-delete-null-pointer-checks -Os -fno-allow-store-data-races -fno-stack-protector -fomit-frame-pointer -ftrivial-auto-var-init=zero -fno-stack-clash-protection -fno-strict-overflow -fno-stack-check -fconserve-stack -fno-builtin-wcslen -Wall -Wextra -Wundef -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type -Werror=strict-prototypes -Wno-format-security -Wno-trigraphs -Wno-frame-address -Wno-address-of-packed-member -Wmissing-declarations -Wmissing-prototypes -Wframe-larger-than=2048 -Wno-main -Wno-type-limits -Wno-dangling-pointer -Wvla-larger-than=1 -Wno-pointer-sign -Wcast-function-type -Wno-array-bounds -Wno-stringop-overflow -Wno-alloc-size-larger-than -Wimplicit-fallthrough=5 -Werror=date-time -Werror=incompatible-pointer-types -Werror=designated-init -Wenum-conversion -Wunused -Wno-unused-but-set-variable -Wno-unused-const-variable -Wno-packed-not-aligned -Wno-format-overflow -Wno-format-truncation -Wno-stringop-truncation -Wno-override-init -Wno-missing-field-initializers -Wno-shift-negative-value -Wno-maybe-uninitialized -Wno-sign-compare -Wno-unused-parameter  -DMODULE -mno-relax  -DKBUILD_BASENAME='"composite.mod"' -DKBUILD_MODNAME='"composite"' -D__KBUILD_MODNAME=composite -c -o composite.mod.o composite.mod.c  

source_composite.mod.o := composite.mod.c

deps_composite.mod.o := \
    $(wildcard include/config/MODULE_UNLOAD) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler-version.h \
    $(wildcard include/config/CC_VERSION_TEXT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kconfig.h \
    $(wildcard include/config/CPU_BIG_ENDIAN) \
    $(wildcard include/config/BOOGER) \
    $(wildcard include/config/FOO) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler_types.h \
    $(wildcard include/config/DEBUG_INFO_BTF) \
    $(wildcard include/config/PAHOLE_HAS_BTF_TAG) \
    $(wildcard include/config/FUNCTION_ALIGNMENT) \
    $(wildcard include/config/CC_HAS_SANE_FUNCTION_ALIGNMENT) \
    $(wildcard include/config/X86_64) \
    $(wildcard include/config/ARM64) \
    $(wildcard include/config/LD_DEAD_CODE_DATA_ELIMINATION) \
    $(wildcard include/config/LTO_CLANG) \
    $(wildcard include/config/HAVE_ARCH_COMPILER_H) \
    $(wildcard include/config/KCSAN) \
    $(wildcard include/config/CC_HAS_ASSUME) \
    $(wildcard include/config/CC_HAS_COUNTED_BY) \
    $(wildcard include/config/FORTIFY_SOURCE) \
    $(wildcard include/config/UBSAN_BOUNDS) \
    $(wildcard include/config/CC_HAS_COUNTED_BY_PTR) \
    $(wildcard include/config/CC_HAS_MULTIDIMENSIONAL_NONSTRING) \
    $(wildcard include/config/CFI) \
    $(wildcard include/config/ARCH_USES_CFI_GENERIC_LLVM_PASS) \
    $(wildcard include/config/CC_HAS_BROKEN_COUNTED_BY_REF) \
    $(wildcard include/config/CC_HAS_ASM_INLINE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler-context-analysis.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler_attributes.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler-gcc.h \
    $(wildcard include/config/ARCH_USE_BUILTIN_BSWAP) \
    $(wildcard include/config/SHADOW_CALL_STACK) \
    $(wildcard include/config/KCOV) \
    $(wildcard include/config/CC_HAS_TYPEOF_UNQUAL) \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/asm/percpu_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/percpu_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/module.h \
    $(wildcard include/config/MODULES) \
    $(wildcard include/config/SYSFS) \
    $(wildcard include/config/MODULES_TREE_LOOKUP) \
    $(wildcard include/config/LIVEPATCH) \
    $(wildcard include/config/STACKTRACE_BUILD_ID) \
    $(wildcard include/config/ARCH_USES_CFI_TRAPS) \
    $(wildcard include/config/MODULE_SIG) \
    $(wildcard include/config/GENERIC_BUG) \
    $(wildcard include/config/KALLSYMS) \
    $(wildcard include/config/SMP) \
    $(wildcard include/config/TRACEPOINTS) \
    $(wildcard include/config/TREE_SRCU) \
    $(wildcard include/config/BPF_EVENTS) \
    $(wildcard include/config/DEBUG_INFO_BTF_MODULES) \
    $(wildcard include/config/JUMP_LABEL) \
    $(wildcard include/config/TRACING) \
    $(wildcard include/config/EVENT_TRACING) \
    $(wildcard include/config/DYNAMIC_FTRACE) \
    $(wildcard include/config/KPROBES) \
    $(wildcard include/config/HAVE_STATIC_CALL_INLINE) \
    $(wildcard include/config/KUNIT) \
    $(wildcard include/config/PRINTK_INDEX) \
    $(wildcard include/config/CONSTRUCTORS) \
    $(wildcard include/config/FUNCTION_ERROR_INJECTION) \
    $(wildcard include/config/DYNAMIC_DEBUG_CORE) \
    $(wildcard include/config/MITIGATION_RETPOLINE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/list.h \
    $(wildcard include/config/LIST_HARDENED) \
    $(wildcard include/config/DEBUG_LIST) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/container_of.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/build_bug.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compiler.h \
    $(wildcard include/config/TRACE_BRANCH_PROFILING) \
    $(wildcard include/config/PROFILE_ALL_BRANCHES) \
    $(wildcard include/config/OBJTOOL) \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/asm/rwonce.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/rwonce.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kasan-checks.h \
    $(wildcard include/config/KASAN_GENERIC) \
    $(wildcard include/config/KASAN_SW_TAGS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/types.h \
    $(wildcard include/config/HAVE_UID16) \
    $(wildcard include/config/UID16) \
    $(wildcard include/config/ARCH_DMA_ADDR_T_64BIT) \
    $(wildcard include/config/PHYS_ADDR_T_64BIT) \
    $(wildcard include/config/64BIT) \
    $(wildcard include/config/ARCH_32BIT_USTAT_F_TINODE) \
    $(wildcard include/config/KVFREE_RCU_BATCHED) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/types.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/int-ll64.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/int-ll64.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi/asm/bitsperlong.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitsperlong.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/bitsperlong.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/posix_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/stddef.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/stddef.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/posix_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/posix_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kcsan-checks.h \
    $(wildcard include/config/KCSAN_WEAK_MEMORY) \
    $(wildcard include/config/KCSAN_IGNORE_ATOMICS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/poison.h \
    $(wildcard include/config/ILLEGAL_POINTER_VALUE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/const.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/const.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/const.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/barrier.h \
    $(wildcard include/config/RISCV_ISA_ZAWRS) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/cmpxchg.h \
    $(wildcard include/config/RISCV_ISA_ZABHA) \
    $(wildcard include/config/RISCV_ISA_ZACAS) \
    $(wildcard include/config/TOOLCHAIN_HAS_ZACAS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/bug.h \
    $(wildcard include/config/PRINTK) \
    $(wildcard include/config/BUG_ON_DATA_CORRUPTION) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/bug.h \
    $(wildcard include/config/DEBUG_BUGVERBOSE) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/asm.h \
    $(wildcard include/config/AS_HAS_INSN) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bug.h \
    $(wildcard include/config/DEBUG_BUGVERBOSE_DETAILED) \
    $(wildcard include/config/BUG) \
    $(wildcard include/config/GENERIC_BUG_RELATIVE_POINTERS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/instrumentation.h \
    $(wildcard include/config/NOINSTR_VALIDATION) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/once_lite.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/panic.h \
    $(wildcard include/config/PANIC_TIMEOUT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/stdarg.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/printk.h \
    $(wildcard include/config/MESSAGE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_DEFAULT) \
    $(wildcard include/config/CONSOLE_LOGLEVEL_QUIET) \
    $(wildcard include/config/EARLY_PRINTK) \
    $(wildcard include/config/DYNAMIC_DEBUG) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/init.h \
    $(wildcard include/config/MEMORY_HOTPLUG) \
    $(wildcard include/config/HAVE_ARCH_PREL32_RELOCATIONS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/stringify.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kern_levels.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/linkage.h \
    $(wildcard include/config/ARCH_USE_SYM_ANNOTATIONS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/export.h \
    $(wildcard include/config/MODVERSIONS) \
    $(wildcard include/config/GENDWARFKSYMS) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/linkage.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/ratelimit_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/bits.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/bits.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/bits.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/overflow.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/limits.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/limits.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/limits.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/param.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/param.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/param.h \
    $(wildcard include/config/HZ) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/param.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/spinlock_types_raw.h \
    $(wildcard include/config/DEBUG_SPINLOCK) \
    $(wildcard include/config/DEBUG_LOCK_ALLOC) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/spinlock_types_up.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/lockdep_types.h \
    $(wildcard include/config/PROVE_RAW_LOCK_NESTING) \
    $(wildcard include/config/LOCKDEP) \
    $(wildcard include/config/LOCK_STAT) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/alternative-macros.h \
    $(wildcard include/config/RISCV_ALTERNATIVE) \
    $(wildcard include/config/k) \
    $(wildcard include/config/k_1) \
    $(wildcard include/config/k_2) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/fence.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/hwcap.h \
    $(wildcard include/config/RISCV_M_MODE) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi/asm/hwcap.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/insn-def.h \
    $(wildcard include/config/ERRATA_SIFIVE_MAL_9092) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/cpufeature-macros.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/processor.h \
    $(wildcard include/config/MMU) \
    $(wildcard include/config/RISCV_ISA_SSQOSID) \
    $(wildcard include/config/RISCV_ISA_ZICBOP) \
    $(wildcard include/config/RISCV_ISA_V) \
    $(wildcard include/config/RISCV_ISA_SUPM) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/cache.h \
    $(wildcard include/config/ARCH_HAS_CACHE_LINE_SIZE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/kernel.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/sysinfo.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/cache.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/cache.h \
    $(wildcard include/config/RISCV_DMA_NONCOHERENT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/prctl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/processor.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/vdso/processor.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/errata_list.h \
    $(wildcard include/config/ERRATA_SIFIVE_CIP_453) \
    $(wildcard include/config/ERRATA_SIFIVE_CIP_1200) \
    $(wildcard include/config/ERRATA_MIPS_P8700_PAUSE_OPCODE) \
    $(wildcard include/config/RISCV_ISA_SVPBMT) \
    $(wildcard include/config/ERRATA_THEAD_MAE) \
    $(wildcard include/config/RISCV_ISA_ZICBOM) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/csr.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/vendorid_list.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/errata_list_vendors.h \
    $(wildcard include/config/ERRATA_ANDES) \
    $(wildcard include/config/ERRATA_SIFIVE) \
    $(wildcard include/config/ERRATA_THEAD) \
    $(wildcard include/config/ERRATA_MIPS) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/vendor_extensions/mips.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/ptrace.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi/asm/ptrace.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/usercfi.h \
    $(wildcard include/config/RISCV_USER_CFI) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/errno.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/errno.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/errno.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/errno.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/errno-base.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/barrier.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/stat.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/stat.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/stat.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/stat.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/time.h \
    $(wildcard include/config/POSIX_TIMERS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/math64.h \
    $(wildcard include/config/ARCH_SUPPORTS_INT128) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/math.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/asm/div64.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/div64.h \
    $(wildcard include/config/CC_OPTIMIZE_FOR_PERFORMANCE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/math64.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/time64.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/time64.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/time.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/time_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/time32.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/timex.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/timex.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/timex.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/time32.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/time.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/uidgid.h \
    $(wildcard include/config/MULTIUSER) \
    $(wildcard include/config/USER_NS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/uidgid_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/highuid.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/buildid.h \
    $(wildcard include/config/VMCORE_INFO) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/cleanup.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/err.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/args.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kmod.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/umh.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/gfp.h \
    $(wildcard include/config/HIGHMEM) \
    $(wildcard include/config/ZONE_DMA) \
    $(wildcard include/config/ZONE_DMA32) \
    $(wildcard include/config/ZONE_DEVICE) \
    $(wildcard include/config/NUMA) \
    $(wildcard include/config/COMPACTION) \
    $(wildcard include/config/CONTIG_ALLOC) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/gfp_types.h \
    $(wildcard include/config/KASAN_HW_TAGS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/mmzone.h \
    $(wildcard include/config/ARCH_FORCE_MAX_ORDER) \
    $(wildcard include/config/PAGE_BLOCK_MAX_ORDER) \
    $(wildcard include/config/HAVE_GIGANTIC_FOLIOS) \
    $(wildcard include/config/SPARSEMEM) \
    $(wildcard include/config/SPARSEMEM_VMEMMAP) \
    $(wildcard include/config/HUGETLB_PAGE) \
    $(wildcard include/config/HUGETLB_PAGE_OPTIMIZE_VMEMMAP) \
    $(wildcard include/config/CMA) \
    $(wildcard include/config/MEMORY_ISOLATION) \
    $(wildcard include/config/ZSMALLOC) \
    $(wildcard include/config/UNACCEPTED_MEMORY) \
    $(wildcard include/config/IOMMU_SUPPORT) \
    $(wildcard include/config/SWAP) \
    $(wildcard include/config/NUMA_BALANCING) \
    $(wildcard include/config/TRANSPARENT_HUGEPAGE) \
    $(wildcard include/config/LRU_GEN) \
    $(wildcard include/config/LRU_GEN_STATS) \
    $(wildcard include/config/LRU_GEN_WALKS_MMU) \
    $(wildcard include/config/MEMCG) \
    $(wildcard include/config/MEMORY_FAILURE) \
    $(wildcard include/config/FLATMEM) \
    $(wildcard include/config/PAGE_EXTENSION) \
    $(wildcard include/config/DEFERRED_STRUCT_PAGE_INIT) \
    $(wildcard include/config/HAVE_MEMORYLESS_NODES) \
    $(wildcard include/config/SPARSEMEM_EXTREME) \
    $(wildcard include/config/SPARSEMEM_VMEMMAP_PREINIT) \
    $(wildcard include/config/HAVE_ARCH_PFN_VALID) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/spinlock.h \
    $(wildcard include/config/PREEMPTION) \
    $(wildcard include/config/PREEMPT_RT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/typecheck.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/preempt.h \
    $(wildcard include/config/HAS_SEPARATE_PREEMPT_RESCHED_BITS) \
    $(wildcard include/config/PREEMPT_COUNT) \
    $(wildcard include/config/DEBUG_PREEMPT) \
    $(wildcard include/config/TRACE_PREEMPT_TOGGLE) \
    $(wildcard include/config/PREEMPT_NOTIFIERS) \
    $(wildcard include/config/PREEMPT_DYNAMIC) \
    $(wildcard include/config/PREEMPT_NONE) \
    $(wildcard include/config/PREEMPT_VOLUNTARY) \
    $(wildcard include/config/PREEMPT) \
    $(wildcard include/config/PREEMPT_LAZY) \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/asm/preempt.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/preempt.h \
    $(wildcard include/config/HAVE_PREEMPT_DYNAMIC_KEY) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/thread_info.h \
    $(wildcard include/config/THREAD_INFO_IN_TASK) \
    $(wildcard include/config/GENERIC_ENTRY) \
    $(wildcard include/config/ARCH_HAS_PREEMPT_LAZY) \
    $(wildcard include/config/HAVE_ARCH_WITHIN_STACK_FRAMES) \
    $(wildcard include/config/SH) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/restart_block.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/current.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/bitops.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/generic-non-atomic.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/bitops.h \
    $(wildcard include/config/RISCV_ISA_ZBB) \
    $(wildcard include/config/TOOLCHAIN_HAS_ZBB) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/__ffs.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/__fls.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/ffs.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/fls.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/ffz.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/fls64.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/sched.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/arch_hweight.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/const_hweight.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/instrumented-atomic.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/instrumented.h \
    $(wildcard include/config/DEBUG_ATOMIC) \
    $(wildcard include/config/DEBUG_ATOMIC_LARGEST_ALIGN) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kmsan-checks.h \
    $(wildcard include/config/KMSAN) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/instrumented-lock.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/non-atomic.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/non-instrumented-non-atomic.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/le.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi/asm/byteorder.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/byteorder/little_endian.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/byteorder/little_endian.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/swab.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/swab.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/swab.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/swab.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/byteorder/generic.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/bitops/ext2-atomic.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/thread_info.h \
    $(wildcard include/config/KASAN) \
    $(wildcard include/config/THREAD_SIZE_ORDER) \
    $(wildcard include/config/VMAP_STACK) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/page.h \
    $(wildcard include/config/RISCV_ISA_ZICBOZ) \
    $(wildcard include/config/DEBUG_VIRTUAL) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/pfn.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/page.h \
    $(wildcard include/config/PAGE_SHIFT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/memory_model.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/getorder.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/log2.h \
    $(wildcard include/config/ARCH_HAS_ILOG2_U32) \
    $(wildcard include/config/ARCH_HAS_ILOG2_U64) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sizes.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/thread_info_tif.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/irqflags.h \
    $(wildcard include/config/PROVE_LOCKING) \
    $(wildcard include/config/TRACE_IRQFLAGS) \
    $(wildcard include/config/IRQSOFF_TRACER) \
    $(wildcard include/config/PREEMPT_TRACER) \
    $(wildcard include/config/DEBUG_IRQFLAGS) \
    $(wildcard include/config/TRACE_IRQFLAGS_SUPPORT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/irqflags_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/irqflags.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/asm/percpu.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/percpu.h \
    $(wildcard include/config/HAVE_SETUP_PER_CPU_AREA) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/threads.h \
    $(wildcard include/config/NR_CPUS) \
    $(wildcard include/config/BASE_SMALL) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/percpu-defs.h \
    $(wildcard include/config/ARCH_MODULE_NEEDS_WEAK_PER_CPU) \
    $(wildcard include/config/AMD_MEM_ENCRYPT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/interrupt_rc.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/processor.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/smp.h \
    $(wildcard include/config/UP_LATE_INIT) \
    $(wildcard include/config/CSD_LOCK_WAIT_DEBUG) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/cpumask.h \
    $(wildcard include/config/FORCE_NR_CPUS) \
    $(wildcard include/config/HOTPLUG_CPU) \
    $(wildcard include/config/DEBUG_PER_CPU_MAPS) \
    $(wildcard include/config/CPUMASK_OFFSTACK) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/atomic.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/atomic.h \
    $(wildcard include/config/GENERIC_ATOMIC64) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/atomic/atomic-arch-fallback.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/atomic/atomic-long.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/atomic/atomic-instrumented.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/bitmap.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/align.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/align.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/find.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/string.h \
    $(wildcard include/config/BINARY_PRINTF) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/array_size.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/string.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/string.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/bitmap-str.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/cpumask_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/numa.h \
    $(wildcard include/config/NUMA_KEEP_MEMINFO) \
    $(wildcard include/config/HAVE_ARCH_NODE_DEV_GROUP) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/nodemask.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/minmax.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/nodemask_types.h \
    $(wildcard include/config/NODES_SHIFT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/random.h \
    $(wildcard include/config/VMGENID) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kernel.h \
    $(wildcard include/config/PREEMPT_VOLUNTARY_BUILD) \
    $(wildcard include/config/HAVE_PREEMPT_DYNAMIC_CALL) \
    $(wildcard include/config/PREEMPT_) \
    $(wildcard include/config/DEBUG_ATOMIC_SLEEP) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kstrtox.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sprintf.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/static_call_types.h \
    $(wildcard include/config/HAVE_STATIC_CALL) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/trace_printk.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/instruction_pointer.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/util_macros.h \
    $(wildcard include/config/FOO_SUSPEND) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/wordpart.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/random.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/ioctl.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/ioctl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/ioctl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/ioctl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/irqnr.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/irqnr.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/smp_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/llist.h \
    $(wildcard include/config/ARCH_HAVE_NMI_SAFE_CMPXCHG) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/bottom_half.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/lockdep.h \
    $(wildcard include/config/DEBUG_LOCKING_API_SELFTESTS) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/mmiowb.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/mmiowb.h \
    $(wildcard include/config/MMIOWB) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/spinlock_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rwlock_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/spinlock_up.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rwlock.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/spinlock_api_up.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/list_nulls.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/wait.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/seqlock.h \
    $(wildcard include/config/CC_IS_GCC) \
    $(wildcard include/config/GCC_VERSION) \
    $(wildcard include/config/UBSAN_ALIGNMENT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/mutex.h \
    $(wildcard include/config/DEBUG_MUTEXES) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/osq_lock.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/debug_locks.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/mutex_types.h \
    $(wildcard include/config/MUTEX_SPIN_ON_OWNER) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/seqlock_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/pageblock-flags.h \
    $(wildcard include/config/HUGETLB_PAGE_SIZE_VARIABLE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/page-flags-layout.h \
  /root/.cache/pymodpost/riscv64-7.3/build/include/generated/bounds.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/mm_types.h \
    $(wildcard include/config/HAVE_ALIGNED_STRUCT_PAGE) \
    $(wildcard include/config/SLAB_OBJ_EXT) \
    $(wildcard include/config/HUGETLB_PMD_PAGE_TABLE_SHARING) \
    $(wildcard include/config/SLAB_FREELIST_HARDENED) \
    $(wildcard include/config/USERFAULTFD) \
    $(wildcard include/config/ANON_VMA_NAME) \
    $(wildcard include/config/PER_VMA_LOCK) \
    $(wildcard include/config/HAVE_ARCH_COMPAT_MMAP_BASES) \
    $(wildcard include/config/MEMBARRIER) \
    $(wildcard include/config/ARCH_HAS_ELF_CORE_EFLAGS) \
    $(wildcard include/config/AIO) \
    $(wildcard include/config/MMU_NOTIFIER) \
    $(wildcard include/config/SPLIT_PMD_PTLOCKS) \
    $(wildcard include/config/ARCH_WANT_BATCHED_UNMAP_TLB_FLUSH) \
    $(wildcard include/config/IOMMU_MM_DATA) \
    $(wildcard include/config/KSM) \
    $(wildcard include/config/MM_ID) \
    $(wildcard include/config/SCHED_MM_CID) \
    $(wildcard include/config/SCHED_CACHE) \
    $(wildcard include/config/CORE_DUMP_DEFAULT_ELF_HEADERS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/mm_types_task.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/tlbbatch.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/auxvec.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/auxvec.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi/asm/auxvec.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kref.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/refcount.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/refcount_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rbtree.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rbtree_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rcupdate.h \
    $(wildcard include/config/PREEMPT_RCU) \
    $(wildcard include/config/TINY_RCU) \
    $(wildcard include/config/RCU_STRICT_GRACE_PERIOD) \
    $(wildcard include/config/RCU_LAZY) \
    $(wildcard include/config/RCU_STALL_COMMON) \
    $(wildcard include/config/NO_HZ_FULL) \
    $(wildcard include/config/VIRT_XFER_TO_GUEST_WORK) \
    $(wildcard include/config/RCU_NOCB_CPU) \
    $(wildcard include/config/TASKS_RCU_GENERIC) \
    $(wildcard include/config/TASKS_RCU) \
    $(wildcard include/config/TASKS_RUDE_RCU) \
    $(wildcard include/config/TREE_RCU) \
    $(wildcard include/config/DEBUG_OBJECTS_RCU_HEAD) \
    $(wildcard include/config/PROVE_RCU) \
    $(wildcard include/config/ARCH_WEAK_RELEASE_ACQUIRE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched.h \
    $(wildcard include/config/VIRT_CPU_ACCOUNTING_NATIVE) \
    $(wildcard include/config/SCHED_INFO) \
    $(wildcard include/config/SCHEDSTATS) \
    $(wildcard include/config/SCHED_CORE) \
    $(wildcard include/config/FAIR_GROUP_SCHED) \
    $(wildcard include/config/RT_GROUP_SCHED) \
    $(wildcard include/config/RT_MUTEXES) \
    $(wildcard include/config/UCLAMP_TASK) \
    $(wildcard include/config/UCLAMP_BUCKETS_COUNT) \
    $(wildcard include/config/KMAP_LOCAL) \
    $(wildcard include/config/MEM_ALLOC_PROFILING) \
    $(wildcard include/config/SCHED_CLASS_EXT) \
    $(wildcard include/config/CGROUP_SCHED) \
    $(wildcard include/config/CFS_BANDWIDTH) \
    $(wildcard include/config/BLK_DEV_IO_TRACE) \
    $(wildcard include/config/TASKS_TRACE_RCU) \
    $(wildcard include/config/TRIVIAL_PREEMPT_RCU) \
    $(wildcard include/config/MEMCG_V1) \
    $(wildcard include/config/COMPAT_BRK) \
    $(wildcard include/config/CGROUPS) \
    $(wildcard include/config/BLK_CGROUP) \
    $(wildcard include/config/PSI) \
    $(wildcard include/config/PAGE_OWNER) \
    $(wildcard include/config/EVENTFD) \
    $(wildcard include/config/ARCH_HAS_CPU_PASID) \
    $(wildcard include/config/X86_BUS_LOCK_DETECT) \
    $(wildcard include/config/TASK_DELAY_ACCT) \
    $(wildcard include/config/STACKPROTECTOR) \
    $(wildcard include/config/ARCH_HAS_SCALED_CPUTIME) \
    $(wildcard include/config/VIRT_CPU_ACCOUNTING_GEN) \
    $(wildcard include/config/POSIX_CPUTIMERS) \
    $(wildcard include/config/POSIX_CPU_TIMERS_TASK_WORK) \
    $(wildcard include/config/KEYS) \
    $(wildcard include/config/SYSVIPC) \
    $(wildcard include/config/DETECT_HUNG_TASK) \
    $(wildcard include/config/IO_URING) \
    $(wildcard include/config/AUDIT) \
    $(wildcard include/config/AUDITSYSCALL) \
    $(wildcard include/config/DETECT_HUNG_TASK_BLOCKER) \
    $(wildcard include/config/UBSAN) \
    $(wildcard include/config/UBSAN_TRAP) \
    $(wildcard include/config/TASK_XACCT) \
    $(wildcard include/config/CPUSETS) \
    $(wildcard include/config/X86_CPU_RESCTRL) \
    $(wildcard include/config/PERF_EVENTS) \
    $(wildcard include/config/ARCH_HAS_LAZY_MMU_MODE) \
    $(wildcard include/config/FAULT_INJECTION) \
    $(wildcard include/config/LATENCYTOP) \
    $(wildcard include/config/FUNCTION_GRAPH_TRACER) \
    $(wildcard include/config/UPROBES) \
    $(wildcard include/config/BCACHE) \
    $(wildcard include/config/SECURITY) \
    $(wildcard include/config/BPF_SYSCALL) \
    $(wildcard include/config/KSTACK_ERASE) \
    $(wildcard include/config/KSTACK_ERASE_METRICS) \
    $(wildcard include/config/X86_MCE) \
    $(wildcard include/config/KRETPROBES) \
    $(wildcard include/config/RETHOOK) \
    $(wildcard include/config/ARCH_HAS_PARANOID_L1D_FLUSH) \
    $(wildcard include/config/RV) \
    $(wildcard include/config/RV_PER_TASK_MONITORS) \
    $(wildcard include/config/USER_EVENTS) \
    $(wildcard include/config/UNWIND_USER) \
    $(wildcard include/config/SCHED_PROXY_EXEC) \
    $(wildcard include/config/MEM_ALLOC_PROFILING_DEBUG) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/sched.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/futex_types.h \
    $(wildcard include/config/FUTEX) \
    $(wildcard include/config/COMPAT) \
    $(wildcard include/config/FUTEX_PRIVATE_HASH) \
    $(wildcard include/config/FUTEX_ROBUST_UNLOCK) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/pid_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sem_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/shm.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/asm/shmparam.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/shmparam.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kmsan_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/plist_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/hrtimer_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/timerqueue_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/timer_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/seccomp_types.h \
    $(wildcard include/config/SECCOMP) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/resource.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/resource.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/resource.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/resource.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/resource.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/latencytop.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/prio.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/signal_types.h \
    $(wildcard include/config/OLD_SIGACTION) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/signal.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/signal.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/signal.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/signal.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/signal-defs.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi/asm/sigcontext.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/siginfo.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/siginfo.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/syscall_user_dispatch_types.h \
    $(wildcard include/config/SYSCALL_USER_DISPATCH) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/netdevice_xmit.h \
    $(wildcard include/config/NET_ACT_MIRRED) \
    $(wildcard include/config/NET_EGRESS) \
    $(wildcard include/config/NF_DUP_NETDEV) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/task_io_accounting.h \
    $(wildcard include/config/TASK_IO_ACCOUNTING) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/posix-timers_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rseq_types.h \
    $(wildcard include/config/RSEQ) \
    $(wildcard include/config/RSEQ_SLICE_EXTENSION) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/irq_work_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/workqueue_types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kcsan.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rv.h \
    $(wildcard include/config/RV_LTL_MONITOR) \
    $(wildcard include/config/RV_HA_MONITOR) \
    $(wildcard include/config/RV_REACTORS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/tracepoint-defs.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/static_key.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/jump_label.h \
    $(wildcard include/config/HAVE_ARCH_JUMP_LABEL_RELATIVE) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/jump_label.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/unwind_deferred_types.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/asm/kmap_size.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/kmap_size.h \
    $(wildcard include/config/DEBUG_KMAP_LOCAL) \
  /root/.cache/pymodpost/riscv64-7.3/build/include/generated/rq-offsets.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/ext.h \
    $(wildcard include/config/EXT_SUB_SCHED) \
    $(wildcard include/config/EXT_GROUP_SCHED) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/context_tracking_irq.h \
    $(wildcard include/config/CONTEXT_TRACKING_IDLE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rcutiny.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/maple_tree.h \
    $(wildcard include/config/DEBUG_MAPLE_TREE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rwsem.h \
    $(wildcard include/config/RWSEM_SPIN_ON_OWNER) \
    $(wildcard include/config/DEBUG_RWSEMS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/completion.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/swait.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/uprobes.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/timer.h \
    $(wildcard include/config/DEBUG_OBJECTS_TIMERS) \
    $(wildcard include/config/NO_HZ_COMMON) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/ktime.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/jiffies.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/jiffies.h \
  /root/.cache/pymodpost/riscv64-7.3/build/include/generated/timeconst.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/vdso/ktime.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/timekeeping.h \
    $(wildcard include/config/POSIX_AUX_CLOCKS) \
    $(wildcard include/config/GENERIC_CMOS_UPDATE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/clocksource_ids.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/debugobjects.h \
    $(wildcard include/config/DEBUG_OBJECTS) \
    $(wildcard include/config/DEBUG_OBJECTS_FREE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/workqueue.h \
    $(wildcard include/config/DEBUG_OBJECTS_WORK) \
    $(wildcard include/config/FREEZER) \
    $(wildcard include/config/WQ_WATCHDOG) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/alloc_tag.h \
    $(wildcard include/config/MEM_ALLOC_PROFILING_ENABLED_BY_DEFAULT) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/codetag.h \
    $(wildcard include/config/CODE_TAGGING) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/percpu_counter.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/percpu.h \
    $(wildcard include/config/KMALLOC_PARTITION_CACHES) \
    $(wildcard include/config/PAGE_SIZE_4KB) \
    $(wildcard include/config/NEED_PER_CPU_PAGE_FIRST_CHUNK) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/mmdebug.h \
    $(wildcard include/config/DEBUG_VM) \
    $(wildcard include/config/DEBUG_VM_IRQSOFF) \
    $(wildcard include/config/DEBUG_VM_PGFLAGS) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/mmu.h \
    $(wildcard include/config/BINFMT_ELF_FDPIC) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/page-flags.h \
    $(wildcard include/config/PAGE_IDLE_FLAG) \
    $(wildcard include/config/ARCH_USES_PG_ARCH_2) \
    $(wildcard include/config/ARCH_USES_PG_ARCH_3) \
    $(wildcard include/config/MIGRATION) \
    $(wildcard include/config/DEBUG_KMAP_LOCAL_FORCE_MAP) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/local_lock.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/local_lock_internal.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/zswap.h \
    $(wildcard include/config/ZSWAP) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/memory_hotplug.h \
    $(wildcard include/config/ARCH_HAS_ADD_PAGES) \
    $(wildcard include/config/MEMORY_HOTREMOVE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/notifier.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/srcu.h \
    $(wildcard include/config/TINY_SRCU) \
    $(wildcard include/config/NEED_SRCU_NMI_SAFE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rcu_segcblist.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/srcutiny.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/topology.h \
    $(wildcard include/config/USE_PERCPU_NUMA_NODE_ID) \
    $(wildcard include/config/SCHED_SMT) \
    $(wildcard include/config/GENERIC_ARCH_TOPOLOGY) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/arch_topology.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/topology.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/topology.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sysctl.h \
    $(wildcard include/config/SYSCTL) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/sysctl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/elf.h \
    $(wildcard include/config/ARCH_HAVE_EXTRA_ELF_NOTES) \
    $(wildcard include/config/ARCH_USE_GNU_PROPERTY) \
    $(wildcard include/config/ARCH_HAVE_ELF_PROT) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/elf.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/elf.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/elf-em.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/compat.h \
    $(wildcard include/config/ARCH_HAS_SYSCALL_WRAPPER) \
    $(wildcard include/config/X86_X32_ABI) \
    $(wildcard include/config/COMPAT_OLD_SIGACTION) \
    $(wildcard include/config/HARDENED_USERCOPY) \
    $(wildcard include/config/ODD_RT_SIGACTION) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sem.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/sem.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/ipc.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rhashtable-types.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/ipc.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/ipcbuf.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/ipcbuf.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/sembuf.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/sembuf.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/socket.h \
    $(wildcard include/config/PROC_FS) \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/socket.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/socket.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/sockios.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/sockios.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/sockios.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/uio.h \
    $(wildcard include/config/ARCH_HAS_UACCESS_FLUSHCACHE) \
    $(wildcard include/config/ARCH_HAS_COPY_MC) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/ucopysize.h \
    $(wildcard include/config/HARDENED_USERCOPY_DEFAULT_ON) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/uio.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/socket.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/if.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/libc-compat.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/hdlc/ioctl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/fs.h \
    $(wildcard include/config/FANOTIFY_ACCESS_PERMISSIONS) \
    $(wildcard include/config/FS_POSIX_ACL) \
    $(wildcard include/config/CGROUP_WRITEBACK) \
    $(wildcard include/config/IMA) \
    $(wildcard include/config/FILE_LOCKING) \
    $(wildcard include/config/FSNOTIFY) \
    $(wildcard include/config/EPOLL) \
    $(wildcard include/config/FS_DAX) \
    $(wildcard include/config/BLOCK) \
    $(wildcard include/config/UNICODE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/fs/super.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/fs/super_types.h \
    $(wildcard include/config/QUOTA) \
    $(wildcard include/config/FS_ENCRYPTION) \
    $(wildcard include/config/FS_VERITY) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/fs_dirent.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/errseq.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/list_lru.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/shrinker.h \
    $(wildcard include/config/SHRINKER_DEBUG) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/xarray.h \
    $(wildcard include/config/XARRAY_MULTI) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/mm.h \
    $(wildcard include/config/MMU_LAZY_TLB_REFCOUNT) \
    $(wildcard include/config/ARCH_HAS_MEMBARRIER_CALLBACKS) \
    $(wildcard include/config/ARCH_HAS_SYNC_CORE_BEFORE_USERMODE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sync_core.h \
    $(wildcard include/config/ARCH_HAS_PREPARE_SYNC_CORE_CMD) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/sync_core.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/coredump.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/list_bl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/bit_spinlock.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/uuid.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/percpu-rwsem.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rcuwait.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/signal.h \
    $(wildcard include/config/SCHED_AUTOGROUP) \
    $(wildcard include/config/BSD_PROCESS_ACCT) \
    $(wildcard include/config/TASKSTATS) \
    $(wildcard include/config/STACK_GROWSUP) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rculist.h \
    $(wildcard include/config/PROVE_RCU_LIST) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/signal.h \
    $(wildcard include/config/DYNAMIC_SIGFRAME) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/jobctl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/task.h \
    $(wildcard include/config/HAVE_EXIT_THREAD) \
    $(wildcard include/config/ARCH_WANTS_DYNAMIC_TASK_STRUCT) \
    $(wildcard include/config/HAVE_ARCH_THREAD_STRUCT_WHITELIST) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/uaccess.h \
    $(wildcard include/config/ARCH_HAS_SUBPAGE_FAULTS) \
    $(wildcard include/config/ARCH_MEMORY_ORDER_TSO) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/fault-inject-usercopy.h \
    $(wildcard include/config/FAULT_INJECTION_USERCOPY) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/nospec.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/uaccess.h \
    $(wildcard include/config/CC_HAS_ASM_GOTO_OUTPUT) \
    $(wildcard include/config/HAVE_EFFICIENT_UNALIGNED_ACCESS) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/asm-extable.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/gpr-num.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/cpufeature.h \
    $(wildcard include/config/RISCV_SCALAR_MISALIGNED) \
    $(wildcard include/config/RISCV_MISALIGNED) \
    $(wildcard include/config/RISCV_VECTOR_MISALIGNED) \
    $(wildcard include/config/RISCV_PROBE_UNALIGNED_ACCESS) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/pgtable.h \
    $(wildcard include/config/RELOCATABLE) \
    $(wildcard include/config/PHYS_RAM_BASE) \
    $(wildcard include/config/RISCV_ISA_SVNAPOT) \
    $(wildcard include/config/HAVE_ARCH_USERFAULTFD_WP) \
    $(wildcard include/config/HAVE_ARCH_SOFT_DIRTY) \
    $(wildcard include/config/MEM_SOFT_DIRTY) \
    $(wildcard include/config/ARCH_HAS_PTE_PROTNONE) \
    $(wildcard include/config/ARCH_SUPPORTS_PMD_PFNMAP) \
    $(wildcard include/config/ARCH_SUPPORTS_PUD_PFNMAP) \
    $(wildcard include/config/ARCH_HAS_PMD_SOFTLEAVES) \
    $(wildcard include/config/PAGE_TABLE_CHECK) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/pgtable-bits.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/tlbflush.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/smp.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/irqreturn.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/compat.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/compat.h \
    $(wildcard include/config/COMPAT_FOR_U64_ALIGNMENT) \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/pgtable-64.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/page_table_check.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/extable.h \
    $(wildcard include/config/BPF_JIT) \
    $(wildcard include/config/ARCH_RV64I) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/access_ok.h \
    $(wildcard include/config/ALTERNATE_USER_ADDRESS_SPACE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/cred.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/capability.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/capability.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/key.h \
    $(wildcard include/config/KEY_NOTIFICATIONS) \
    $(wildcard include/config/NET) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/assoc_array.h \
    $(wildcard include/config/ASSOCIATIVE_ARRAY) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/user.h \
    $(wildcard include/config/VFIO_PCI_ZDEV_KVM) \
    $(wildcard include/config/IOMMUFD) \
    $(wildcard include/config/SECRETMEM) \
    $(wildcard include/config/WATCH_QUEUE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/ratelimit.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/pid.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/posix-timers.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/alarmtimer.h \
    $(wildcard include/config/RTC_CLASS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/hrtimer.h \
    $(wildcard include/config/HIGH_RES_TIMERS) \
    $(wildcard include/config/TIME_LOW_RES) \
    $(wildcard include/config/TIMERFD) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/hrtimer_rearm.h \
    $(wildcard include/config/HRTIMER_REARM_DEFERRED) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/timerqueue.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rcuref.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rcu_sync.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/quota.h \
    $(wildcard include/config/QUOTA_NETLINK_INTERFACE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/dqblk_xfs.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/dqblk_v1.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/dqblk_v2.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/dqblk_qtree.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/projid.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/quota.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/unicode.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/dcache.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rculist_bl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/lockref.h \
    $(wildcard include/config/ARCH_USE_CMPXCHG_LOCKREF) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/stringhash.h \
    $(wildcard include/config/DCACHE_WORD_ACCESS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/hash.h \
    $(wildcard include/config/HAVE_ARCH_HASH) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/vfsdebug.h \
    $(wildcard include/config/DEBUG_VFS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/wait_bit.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kdev_t.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/kdev_t.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/path.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/radix-tree.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/semaphore.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/fcntl.h \
    $(wildcard include/config/ARCH_32BIT_OFF_T) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/fcntl.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/fcntl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/asm-generic/fcntl.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/openat2.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/migrate_mode.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/delayed_call.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/ioprio.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sched/rt.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/iocontext.h \
    $(wildcard include/config/BLK_ICQ) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/ioprio.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/mount.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/mnt_idmapping.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/slab.h \
    $(wildcard include/config/FAILSLAB) \
    $(wildcard include/config/KFENCE) \
    $(wildcard include/config/SLUB_TINY) \
    $(wildcard include/config/SLUB_DEBUG) \
    $(wildcard include/config/KMALLOC_PARTITION_RANDOM) \
    $(wildcard include/config/KMALLOC_PARTITION_TYPED) \
    $(wildcard include/config/SLAB_BUCKETS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/percpu-refcount.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kasan.h \
    $(wildcard include/config/KASAN_STACK) \
    $(wildcard include/config/KASAN_VMALLOC) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kasan-enabled.h \
    $(wildcard include/config/ARCH_DEFER_KASAN) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kasan-tags.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rw_hint.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/file_ref.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/fs.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/aio_abi.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/uapi/linux/unistd.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/unistd.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi/asm/unistd.h \
  /root/.cache/pymodpost/riscv64-7.3/build/arch/riscv/include/generated/uapi/asm/unistd_64.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/syscall_wrapper.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/uapi/asm/elf.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/cacheinfo.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/cacheinfo.h \
    $(wildcard include/config/ACPI_PPTT) \
    $(wildcard include/config/ARM) \
    $(wildcard include/config/ARCH_HAS_CPU_CACHE_ALIASING) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/cpuhplock.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kobject.h \
    $(wildcard include/config/UEVENT_HELPER) \
    $(wildcard include/config/DEBUG_KOBJECT_RELEASE) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/sysfs.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kernfs.h \
    $(wildcard include/config/KERNFS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/idr.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/kobject_ns.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/moduleparam.h \
    $(wildcard include/config/ALPHA) \
    $(wildcard include/config/PPC64) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/rbtree_latch.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/error-injection.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/error-injection.h \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/dynamic_debug.h \
  /root/.cache/pymodpost/riscv64-7.3/src/arch/riscv/include/asm/module.h \
    $(wildcard include/config/MODULE_SECTIONS) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/asm-generic/module.h \
    $(wildcard include/config/HAVE_MOD_ARCH_SPECIFIC) \
  /root/.cache/pymodpost/riscv64-7.3/src/include/linux/export-internal.h \
    $(wildcard include/config/PARISC) \

composite.mod.o: $(deps_composite.mod.o)

$(deps_composite.mod.o):
