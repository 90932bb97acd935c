// SPDX-License-Identifier: GPL-2.0
/* The remaining bus types modpost turns into aliases (devtables has the common ones):
 * ieee1394, ccw, ap, css, pcmcia, vio, parisc, ssb, bcma, vmbus, i3c, zorro, isapnp,
 * mipscdmm, cpu, mei, rapidio, ulpi, hdaudio, sdw, fslmc, tbsvc, tee, mhi_ep, ssam, dfl,
 * ishtp and pnp_card.  Only the id structures are used; no bus code is called. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/mod_devicetable.h>
#include <linux/uuid.h>

static const struct ieee1394_device_id pm_ieee1394_ids[] = {
	{ .match_flags = IEEE1394_MATCH_VENDOR_ID | IEEE1394_MATCH_SPECIFIER_ID |
			 IEEE1394_MATCH_VERSION,
	  .vendor_id = 0x00a0b8, .specifier_id = 0x00609e, .version = 0x010483 },
	{ }
};
MODULE_DEVICE_TABLE(ieee1394, pm_ieee1394_ids);

static const struct ccw_device_id pm_ccw_ids[] = {
	{ .match_flags = CCW_DEVICE_ID_MATCH_CU_TYPE | CCW_DEVICE_ID_MATCH_CU_MODEL,
	  .cu_type = 0x3088, .cu_model = 0x08 },
	{ }
};
MODULE_DEVICE_TABLE(ccw, pm_ccw_ids);

static const struct ap_device_id pm_ap_ids[] = {
	{ .match_flags = AP_DEVICE_ID_MATCH_CARD_TYPE, .dev_type = 10 },
	{ }
};
MODULE_DEVICE_TABLE(ap, pm_ap_ids);

static const struct css_device_id pm_css_ids[] = {
	{ .match_flags = 1, .type = 3 },
	{ }
};
MODULE_DEVICE_TABLE(css, pm_css_ids);

static const struct pcmcia_device_id pm_pcmcia_ids[] = {
	{ .match_flags = PCMCIA_DEV_ID_MATCH_MANF_ID | PCMCIA_DEV_ID_MATCH_CARD_ID,
	  .manf_id = 0x0101, .card_id = 0x0562 },
	{ .match_flags = PCMCIA_DEV_ID_MATCH_PROD_ID1 | PCMCIA_DEV_ID_MATCH_FUNC_ID,
	  .func_id = 6, .prod_id = { "PYMODPOST", NULL, NULL, NULL },
	  .prod_id_hash = { 0x12345678, 0, 0, 0 } },
	{ }
};
MODULE_DEVICE_TABLE(pcmcia, pm_pcmcia_ids);

static const struct vio_device_id pm_vio_ids[] = {
	{ "network", "IBM,l-lan" },
	{ "", "" }
};
MODULE_DEVICE_TABLE(vio, pm_vio_ids);

static const struct parisc_device_id pm_parisc_ids[] = {
	{ .hw_type = 10, .hversion_rev = PA_HVERSION_REV_ANY_ID,
	  .hversion = PA_HVERSION_ANY_ID, .sversion = 0x0008c },
	{ }
};
MODULE_DEVICE_TABLE(parisc, pm_parisc_ids);

static const struct ssb_device_id pm_ssb_ids[] = {
	SSB_DEVICE(0x4243, 0x812, SSB_ANY_REV),
	{ },
};
MODULE_DEVICE_TABLE(ssb, pm_ssb_ids);

static const struct bcma_device_id pm_bcma_ids[] = {
	BCMA_CORE(0x4bf, 0x812, BCMA_ANY_REV, BCMA_ANY_CLASS),
	{ },
};
MODULE_DEVICE_TABLE(bcma, pm_bcma_ids);

static const struct hv_vmbus_device_id pm_vmbus_ids[] = {
	{ .guid = GUID_INIT(0xf8615163, 0xdf3e, 0x46c5, 0x91, 0x3f, 0xf2, 0xd2, 0xf9, 0x65,
			    0xed, 0x0e) },
	{ }
};
MODULE_DEVICE_TABLE(vmbus, pm_vmbus_ids);

static const struct i3c_device_id pm_i3c_ids[] = {
	{ .match_flags = I3C_MATCH_MANUF | I3C_MATCH_PART, .manuf_id = 0x104,
	  .part_id = 0x1234 },
	{ .match_flags = I3C_MATCH_DCR, .dcr = 0x44 },
	{ }
};
MODULE_DEVICE_TABLE(i3c, pm_i3c_ids);

static const struct zorro_device_id pm_zorro_ids[] = {
	{ 0x08400001 },
	{ 0 }
};
MODULE_DEVICE_TABLE(zorro, pm_zorro_ids);

static const struct isapnp_device_id pm_isapnp_ids[] = {
	{ ISAPNP_ANY_ID, ISAPNP_ANY_ID, 0x8c0e, 0x5510 },
	{ }
};
MODULE_DEVICE_TABLE(isapnp, pm_isapnp_ids);

static const struct mips_cdmm_device_id pm_mipscdmm_ids[] = {
	{ 0xa3 },
	{ }
};
MODULE_DEVICE_TABLE(mipscdmm, pm_mipscdmm_ids);

static const struct cpu_feature pm_cpu_ids[] = {
	{ 0x3f },
	{ }
};
MODULE_DEVICE_TABLE(cpu, pm_cpu_ids);

static const struct mei_cl_device_id pm_mei_ids[] = {
	{ .name = "pm_mei", .uuid = UUID_LE(0x55213584, 0x9a29, 0x4916, 0xba, 0xdf, 0x0f,
					     0xb7, 0xed, 0x68, 0x2a, 0xeb),
	  .version = MEI_CL_VERSION_ANY },
	{ }
};
MODULE_DEVICE_TABLE(mei, pm_mei_ids);

static const struct rio_device_id pm_rapidio_ids[] = {
	{ .did = 0x0374, .vid = 0x0038, .asm_did = RIO_ANY_ID, .asm_vid = RIO_ANY_ID },
	{ }
};
MODULE_DEVICE_TABLE(rapidio, pm_rapidio_ids);

static const struct ulpi_device_id pm_ulpi_ids[] = {
	{ .vendor = 0x0451, .product = 0x1507 },
	{ }
};
MODULE_DEVICE_TABLE(ulpi, pm_ulpi_ids);

static const struct hda_device_id pm_hdaudio_ids[] = {
	{ .vendor_id = 0x10ec0269, .rev_id = 0, .api_version = 1, .name = "pm codec" },
	{ }
};
MODULE_DEVICE_TABLE(hdaudio, pm_hdaudio_ids);

static const struct sdw_device_id pm_sdw_ids[] = {
	{ .mfg_id = 0x025d, .part_id = 0x0711, .sdw_version = 1, .class_id = 0 },
	{ }
};
MODULE_DEVICE_TABLE(sdw, pm_sdw_ids);

static const struct fsl_mc_device_id pm_fslmc_ids[] = {
	{ .vendor = 0x1957, .obj_type = "dpni" },
	{ .vendor = 0x0 }
};
MODULE_DEVICE_TABLE(fslmc, pm_fslmc_ids);

static const struct tb_service_id pm_tbsvc_ids[] = {
	{ .match_flags = TBSVC_MATCH_PROTOCOL_KEY | TBSVC_MATCH_PROTOCOL_ID |
			 TBSVC_MATCH_PROTOCOL_VERSION,
	  .protocol_key = "network", .protocol_id = 1, .protocol_version = 1 },
	{ }
};
MODULE_DEVICE_TABLE(tbsvc, pm_tbsvc_ids);

static const struct tee_client_device_id pm_tee_ids[] = {
	{ UUID_INIT(0xab7a617c, 0xb8e7, 0x4d8f, 0x83, 0x01, 0xd0, 0x9b, 0x61, 0x03, 0x6b,
		    0x64) },
	{ }
};
MODULE_DEVICE_TABLE(tee, pm_tee_ids);

static const struct mhi_device_id pm_mhi_ep_ids[] = {
	{ .chan = "PM_IP_HW0" },
	{ }
};
MODULE_DEVICE_TABLE(mhi_ep, pm_mhi_ep_ids);

static const struct ssam_device_id pm_ssam_ids[] = {
	{ .match_flags = 0x7, .domain = 0x01, .category = 0x02, .target = 0x01,
	  .instance = 0x00, .function = 0x01 },
	{ }
};
MODULE_DEVICE_TABLE(ssam, pm_ssam_ids);

static const struct dfl_device_id pm_dfl_ids[] = {
	{ 0, 0x9 },
	{ }
};
MODULE_DEVICE_TABLE(dfl, pm_dfl_ids);

static const struct ishtp_device_id pm_ishtp_ids[] = {
	{ .guid = GUID_INIT(0x33ae4c4f, 0x6c5d, 0x4c4e, 0x9e, 0xd4, 0x9b, 0x2e, 0x28, 0x81,
			    0xb8, 0xd3) },
	{ }
};
MODULE_DEVICE_TABLE(ishtp, pm_ishtp_ids);

static const struct pnp_card_device_id pm_pnp_card_ids[] = {
	{ .id = "PYM0100", .devs = { { "PYM0101" }, { "PYM0102" } } },
	{ .id = "" }
};
MODULE_DEVICE_TABLE(pnp_card, pm_pnp_card_ids);

static int __init devtables2_init(void)
{
	pr_info("devtables2 loaded: zorro id %#x\n", pm_zorro_ids[0].id);
	return 0;
}

static void __exit devtables2_exit(void)
{
	pr_info("devtables2 unloaded\n");
}

module_init(devtables2_init);
module_exit(devtables2_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("pymodpost fixture: device tables of the less common bus types");
