savedcmd_Module.symvers :=  /tmp/pymodpost-kbuild/modpost-wrapper.sh -M -m -b   -E     -o Module.symvers -T modules.order -i /root/.cache/pymodpost/riscv64-7.3/build/Module.symvers -e 
