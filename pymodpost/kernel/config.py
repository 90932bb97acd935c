"""The kernel configuration facts the module loader depends on, read from a ``.config``."""

from __future__ import annotations

from dataclasses import dataclass, field


def parse_dotconfig(text: str) -> dict[str, str]:
    """``CONFIG_FOO=value`` lines -> {"FOO": "value"}; "# CONFIG_FOO is not set" is simply absent."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("CONFIG_"):
            continue
        key, sep, value = line.partition("=")
        if sep:
            values[key[len("CONFIG_"):]] = value.strip()
    return values


@dataclass(frozen=True, slots=True)
class KernelConfig:
    """Booleans are CONFIG_* options set to y; see each field for where the loader reads it."""

    smp: bool = True  #: vermagic "SMP "; .data..percpu goes to the per-cpu area
    preempt_build: bool = False  #: vermagic "preempt "
    preempt_rt: bool = False  #: vermagic "preempt_rt "
    module_unload: bool = True  #: vermagic "mod_unload "; .exit* sections stay in core
    modversions: bool = True  #: vermagic "modversions "; check_version()
    strict_module_rwx: bool = True  #: page-aligned layout; WRITE|EXEC sections refused
    module_sig: bool = False  #: signature trailer stripped; unsigned modules taint E
    module_sig_force: bool = False  #: unsigned modules refused
    module_force_load: bool = False  #: try_to_force_load() may succeed (taint F)
    kallsyms: bool = True
    kallsyms_all: bool = False  #: data symbols kept in the core symbol table
    livepatch: bool = False
    retpoline: bool = False  #: warn about modules without retpoline=Y
    #: riscv: GOT/PLT sections reserved for modules (6.1: selected by every 64-bit MODULES kernel;
    #: 6.12+: only by RELOCATABLE, so the small 6.12/7.3 oracle kernels go without)
    module_sections: bool = False
    #: x86_64: KASLR configured in (KERNEL_IMAGE_SIZE 1 GiB), which moves MODULES_VADDR
    randomize_base: bool = False
    allow_missing_namespace_imports: bool = False
    cmodel_medlow: bool = False  #: riscv: absolute HI20 relocations refused
    randstruct_hash: str = ""  #: vermagic "RANDSTRUCT_<hash>" when randstruct is on
    values: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dotconfig(cls, text: str, randstruct_hash: str = "") -> "KernelConfig":
        v = parse_dotconfig(text)

        def on(name: str) -> bool:
            return v.get(name) == "y"

        return cls(
            smp=on("SMP"),
            preempt_build=on("PREEMPT_BUILD"),
            preempt_rt=on("PREEMPT_RT"),
            module_unload=on("MODULE_UNLOAD"),
            modversions=on("MODVERSIONS"),
            strict_module_rwx=on("STRICT_MODULE_RWX"),
            module_sig=on("MODULE_SIG"),
            module_sig_force=on("MODULE_SIG_FORCE"),
            module_force_load=on("MODULE_FORCE_LOAD"),
            kallsyms=on("KALLSYMS"),
            kallsyms_all=on("KALLSYMS_ALL"),
            livepatch=on("LIVEPATCH"),
            # the option was renamed MITIGATION_RETPOLINE in 6.9; a config has one or the other
            retpoline=on("RETPOLINE") or on("MITIGATION_RETPOLINE"),
            allow_missing_namespace_imports=on("MODULE_ALLOW_MISSING_NAMESPACE_IMPORTS"),
            cmodel_medlow=on("CMODEL_MEDLOW"),
            module_sections=on("MODULE_SECTIONS"),
            randomize_base=on("RANDOMIZE_BASE"),
            randstruct_hash=randstruct_hash if (on("RANDSTRUCT_FULL") or on("RANDSTRUCT_PERFORMANCE")) else "",
            values=v,
        )

    def vermagic_flags(self, arch_suffix: str) -> str:
        """Everything after the release in VERMAGIC_STRING (include/linux/vermagic.h)."""
        parts = ["SMP " if self.smp else ""]
        parts.append("preempt " if self.preempt_build else "preempt_rt " if self.preempt_rt else "")
        parts.append("mod_unload " if self.module_unload else "")
        parts.append("modversions " if self.modversions else "")
        parts.append(arch_suffix)
        parts.append(f"RANDSTRUCT_{self.randstruct_hash}" if self.randstruct_hash else "")
        return "".join(parts)
