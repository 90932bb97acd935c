// SPDX-License-Identifier: GPL-2.0
/* Device-id tables of many bus types, each exported with MODULE_DEVICE_TABLE so modpost
 * turns them into MODULE_ALIAS lines.  The tables are never registered with any bus: only
 * <linux/mod_devicetable.h> is needed, which builds on every architecture. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/mod_devicetable.h>
#include <linux/input.h>
#include <linux/hid.h>
#include <linux/usb.h>
#include <linux/serio.h>

static const struct pci_device_id pm_pci_ids[] = {
	{ .vendor = 0x8086, .device = 0x100e, .subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID },
	{ .vendor = 0x1af4, .device = PCI_ANY_ID, .subvendor = PCI_ANY_ID,
	  .subdevice = PCI_ANY_ID, .class = 0x020000, .class_mask = 0xffff00 },
	{ }
};
MODULE_DEVICE_TABLE(pci, pm_pci_ids);

static const struct usb_device_id pm_usb_ids[] = {
	{ USB_DEVICE(0x046d, 0xc52b) },
	{ USB_DEVICE_VER(0x0781, 0x5567, 0x0100, 0x0200) },
	{ USB_INTERFACE_INFO(USB_CLASS_HID, 1, 2) },
	{ USB_DEVICE_AND_INTERFACE_INFO(0x1234, 0xabcd, 0xff, 0x42, 0x01) },
	{ }
};
MODULE_DEVICE_TABLE(usb, pm_usb_ids);

static const struct hid_device_id pm_hid_ids[] = {
	{ HID_USB_DEVICE(0x046d, 0xc077) },
	{ HID_BLUETOOTH_DEVICE(0x05ac, 0x0265) },
	{ HID_DEVICE(HID_BUS_ANY, HID_GROUP_MULTITOUCH, HID_ANY_ID, HID_ANY_ID) },
	{ }
};
MODULE_DEVICE_TABLE(hid, pm_hid_ids);

static const struct of_device_id pm_of_ids[] = {
	{ .compatible = "pymodpost,widget" },
	{ .name = "gadget", .type = "serial", .compatible = "pymodpost,gadget-v2" },
	{ .compatible = "pymodpost,with space" },
	{ }
};
MODULE_DEVICE_TABLE(of, pm_of_ids);

static const struct acpi_device_id pm_acpi_ids[] = {
	{ "PYMP0001", 0 },
	{ "PNP0C0A", 1 },
	{ .id = "", .cls = 0x010601, .cls_msk = 0xffffff },
	{ }
};
MODULE_DEVICE_TABLE(acpi, pm_acpi_ids);

static const struct platform_device_id pm_platform_ids[] = {
	{ "pm-widget", 0 },
	{ "pm-gadget", 1 },
	{ }
};
MODULE_DEVICE_TABLE(platform, pm_platform_ids);

static const struct i2c_device_id pm_i2c_ids[] = {
	{ "pm_sensor", 0 },
	{ "pm_eeprom", 1 },
	{ }
};
MODULE_DEVICE_TABLE(i2c, pm_i2c_ids);

static const struct spi_device_id pm_spi_ids[] = {
	{ "pm-flash", 0 },
	{ }
};
MODULE_DEVICE_TABLE(spi, pm_spi_ids);

static const struct input_device_id pm_input_ids[] = {
	{ .flags = INPUT_DEVICE_ID_MATCH_EVBIT | INPUT_DEVICE_ID_MATCH_KEYBIT,
	  .evbit = { BIT_MASK(EV_KEY) },
	  .keybit = { [BIT_WORD(KEY_A)] = BIT_MASK(KEY_A) } },
	{ .flags = INPUT_DEVICE_ID_MATCH_BUS | INPUT_DEVICE_ID_MATCH_VENDOR,
	  .bustype = BUS_USB, .vendor = 0x046d },
	{ }
};
MODULE_DEVICE_TABLE(input, pm_input_ids);

static const struct virtio_device_id pm_virtio_ids[] = {
	{ 1, VIRTIO_DEV_ANY_ID },
	{ 18, 0x554d4551 },
	{ }
};
MODULE_DEVICE_TABLE(virtio, pm_virtio_ids);

static const struct dmi_system_id pm_dmi_ids[] = {
	{ .ident = "QEMU",
	  .matches = { DMI_MATCH(DMI_SYS_VENDOR, "QEMU"),
		       DMI_MATCH(DMI_PRODUCT_NAME, "Standard PC") } },
	{ .ident = "exact",
	  .matches = { DMI_EXACT_MATCH(DMI_BOARD_NAME, "pm board") } },
	{ }
};
MODULE_DEVICE_TABLE(dmi, pm_dmi_ids);

static const struct serio_device_id pm_serio_ids[] = {
	{ .type = SERIO_8042, .proto = SERIO_ANY, .id = SERIO_ANY, .extra = SERIO_ANY },
	{ }
};
MODULE_DEVICE_TABLE(serio, pm_serio_ids);

static const struct sdio_device_id pm_sdio_ids[] = {
	{ .class = 0x07, .vendor = 0x02d0, .device = 0x4329 },
	{ }
};
MODULE_DEVICE_TABLE(sdio, pm_sdio_ids);

static const struct pnp_device_id pm_pnp_ids[] = {
	{ "PNP0501", 0 },
	{ "", 0 }
};
MODULE_DEVICE_TABLE(pnp, pm_pnp_ids);

static const struct mdio_device_id pm_mdio_ids[] = {
	{ 0x001cc910, 0xfffffff0 },
	{ }
};
MODULE_DEVICE_TABLE(mdio, pm_mdio_ids);

static const struct x86_cpu_id pm_x86cpu_ids[] = {
	{ .vendor = 0 /* X86_VENDOR_INTEL */, .family = 6, .model = 0x55,
	  .steppings = 0, .feature = 0xffff /* X86_FEATURE_ANY */ },
	{ }
};
MODULE_DEVICE_TABLE(x86cpu, pm_x86cpu_ids);

static const struct auxiliary_device_id pm_auxiliary_ids[] = {
	{ .name = "pm_core.widget" },
	{ }
};
MODULE_DEVICE_TABLE(auxiliary, pm_auxiliary_ids);

static const struct wmi_device_id pm_wmi_ids[] = {
	{ .guid_string = "ABBC0F6F-8EA1-11D1-00A0-C90629100000" },
	{ }
};
MODULE_DEVICE_TABLE(wmi, pm_wmi_ids);

static const struct rpmsg_device_id pm_rpmsg_ids[] = {
	{ .name = "pm-rpmsg-chan" },
	{ }
};
MODULE_DEVICE_TABLE(rpmsg, pm_rpmsg_ids);

static const struct typec_device_id pm_typec_ids[] = {
	{ .svid = 0xff01, .mode = TYPEC_ANY_MODE },
	{ }
};
MODULE_DEVICE_TABLE(typec, pm_typec_ids);

static const struct mhi_device_id pm_mhi_ids[] = {
	{ .chan = "PM_LOOPBACK" },
	{ }
};
MODULE_DEVICE_TABLE(mhi, pm_mhi_ids);

static const struct ipack_device_id pm_ipack_ids[] = {
	{ .format = 1, .vendor = 0xf0, .device = 0x41 },
	{ }
};
MODULE_DEVICE_TABLE(ipack, pm_ipack_ids);

static const struct amba_id pm_amba_ids[] = {
	{ .id = 0x00041011, .mask = 0x000fffff },
	{ }
};
MODULE_DEVICE_TABLE(amba, pm_amba_ids);

static const struct eisa_device_id pm_eisa_ids[] = {
	{ "PYM0001" },
	{ "" }
};
MODULE_DEVICE_TABLE(eisa, pm_eisa_ids);

static int __init devtables_init(void)
{
	pr_info("devtables loaded: first pci vendor %#x, of compatible %s\n",
		pm_pci_ids[0].vendor, pm_of_ids[0].compatible);
	return 0;
}

static void __exit devtables_exit(void)
{
	pr_info("devtables unloaded\n");
}

module_init(devtables_init);
module_exit(devtables_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: device tables of many bus types");
