#include <linux/module.h>
#include <linux/export-internal.h>
#include <linux/compiler.h>

MODULE_INFO(name, KBUILD_MODNAME);

__visible struct module __this_module
__section(".gnu.linkonce.this_module") = {
	.name = KBUILD_MODNAME,
	.init = init_module,
#ifdef CONFIG_MODULE_UNLOAD
	.exit = cleanup_module,
#endif
	.arch = MODULE_ARCH_INIT,
};



static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0x92997ed8, "_printk" },
	{ 0x249e2a95, "module_layout" },
};

MODULE_INFO(depends, "");

MODULE_ALIAS("pnp:dPYM0101*");
MODULE_ALIAS("acpi*:PYM0101:*");
MODULE_ALIAS("pnp:dPYM0102*");
MODULE_ALIAS("acpi*:PYM0102:*");
MODULE_ALIAS("ishtp:{33AE4C4F-6C5D-4C4E-9ED4-9B2E2881B8D3}");
MODULE_ALIAS("dfl:t0000f0009*");
MODULE_ALIAS("ssam:d01c02t01i00f01");
MODULE_ALIAS("mhi_ep:PM_IP_HW0");
MODULE_ALIAS("tee:ab7a617c-b8e7-4d8f-8301-d09b61036b64*");
MODULE_ALIAS("tbsvc:knetworkp00000001v00000001r*");
MODULE_ALIAS("fsl-mc:v00001957ddpni");
MODULE_ALIAS("sdw:m025Dp0711v01c*");
MODULE_ALIAS("hdaudio:v10EC0269r*a01*");
MODULE_ALIAS("ulpi:v0451p1507");
MODULE_ALIAS("rapidio:v0038d0374av*ad*");
MODULE_ALIAS("mei:pm_mei:55213584-9a29-4916-badf-0fb7ed682aeb:*:*");
MODULE_ALIAS("cpu:type:*:feature:*003F*");
MODULE_ALIAS("mipscdmm:tA3*");
MODULE_ALIAS("pnp:dCTL1055*");
MODULE_ALIAS("zorro:i08400001");
MODULE_ALIAS("i3c:dcr*manuf0104part1234ext*");
MODULE_ALIAS("i3c:dcr44manuf*part*ext*");
MODULE_ALIAS("vmbus:635161f83edfc546913ff2d2f965ed0e");
MODULE_ALIAS("bcma:m04BFid0812rev*cl*");
MODULE_ALIAS("ssb:v4243id0812rev*");
MODULE_ALIAS("parisc:t0Ahv*rev*sv0000008C*");
MODULE_ALIAS("vio:TnetworkSIBM,l-lan*");
MODULE_ALIAS("pcmcia:m0101c0562f*fn*pfn*pa*pb*pc*pd*");
MODULE_ALIAS("pcmcia:m*c*f06fn*pfn*pa12345678pb*pc*pd*");
MODULE_ALIAS("css:t3");
MODULE_ALIAS("ap:t0A*");
MODULE_ALIAS("ccw:t3088m08dt*dm*");
MODULE_ALIAS("ieee1394:ven0000A0B8mo*sp0000609Ever00010483*");
