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

MODULE_ALIAS("eisa:sPYM0001*");
MODULE_ALIAS("amba:d???41011");
MODULE_ALIAS("ipack:f01v000000F0d00000041*");
MODULE_ALIAS("mhi:PM_LOOPBACK");
MODULE_ALIAS("typec:idFF01");
MODULE_ALIAS("rpmsg:pm-rpmsg-chan");
MODULE_ALIAS("wmi:ABBC0F6F-8EA1-11D1-00A0-C90629100000");
MODULE_ALIAS("auxiliary:pm_core.widget");
MODULE_ALIAS("cpu:type:x86,ven0000fam0006mod0055:feature:*FFFF*");
MODULE_ALIAS("mdio:0000000000011100110010010001????");
MODULE_ALIAS("pnp:dPNP0501*");
MODULE_ALIAS("acpi*:PNP0501:*");
MODULE_ALIAS("sdio:c07v02D0d4329*");
MODULE_ALIAS("serio:ty01pr*id*ex*");
MODULE_ALIAS("dmi*:svn*QEMU*:pn*StandardPC*:");
MODULE_ALIAS("dmi*:rn*pmboard*:");
MODULE_ALIAS("virtio:d00000001v*");
MODULE_ALIAS("virtio:d00000012v554D4551*");
MODULE_ALIAS("input:b*v*p*e*-e*1,*k*r*a*m*l*s*f*w*");
MODULE_ALIAS("input:b0003v046Dp*e*-e*k*r*a*m*l*s*f*w*");
MODULE_ALIAS("spi:pm-flash");
MODULE_ALIAS("i2c:pm_sensor");
MODULE_ALIAS("i2c:pm_eeprom");
MODULE_ALIAS("platform:pm-widget");
MODULE_ALIAS("platform:pm-gadget");
MODULE_ALIAS("acpi*:PYMP0001:*");
MODULE_ALIAS("acpi*:PNP0C0A:*");
MODULE_ALIAS("acpi*:010601:*");
MODULE_ALIAS("of:N*T*Cpymodpost,widget");
MODULE_ALIAS("of:N*T*Cpymodpost,widgetC*");
MODULE_ALIAS("of:NgadgetTserial*Cpymodpost,gadget-v2");
MODULE_ALIAS("of:NgadgetTserial*Cpymodpost,gadget-v2C*");
MODULE_ALIAS("of:N*T*Cpymodpost,with_space");
MODULE_ALIAS("of:N*T*Cpymodpost,with_spaceC*");
MODULE_ALIAS("hid:b0003g*v0000046Dp0000C077");
MODULE_ALIAS("hid:b0005g*v000005ACp00000265");
MODULE_ALIAS("hid:b*g0002v*p*");
MODULE_ALIAS("usb:v046DpC52Bd*dc*dsc*dp*ic*isc*ip*in*");
MODULE_ALIAS("usb:v0781p5567d0200dc*dsc*dp*ic*isc*ip*in*");
MODULE_ALIAS("usb:v0781p5567d01*dc*dsc*dp*ic*isc*ip*in*");
MODULE_ALIAS("usb:v*p*d*dc*dsc*dp*ic03isc01ip02in*");
MODULE_ALIAS("usb:v1234pABCDd*dc*dsc*dp*icFFisc42ip01in*");
MODULE_ALIAS("pci:v00008086d0000100Esv*sd*bc*sc*i*");
MODULE_ALIAS("pci:v00001AF4d*sv*sd*bc02sc00i*");
