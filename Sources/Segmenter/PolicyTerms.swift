// The default user dictionary of Chinese policy terms (jieba load_userdict format: "word [freq] [tag]").
// No frequencies: like jieba, each gets suggest_freq(word), just enough to be cut out whole.
// `reportq segment --print-policy-dict` writes it out, e.g. to load the same terms into Python jieba.

public enum PolicyTerms {
    public static let userDictionary = """
    新质生产力 n
    专精特新 n
    两新 n
    两重 n
    高质量发展 n
    放管服 n
    中国式现代化 n
    一带一路 n
    双碳 n
    碳达峰 n
    碳中和 n
    乡村振兴 n
    共同富裕 n
    营商环境 n
    数字经济 n
    实体经济 n
    民营经济 n
    低空经济 n
    银发经济 n
    首发经济 n
    新型工业化 n
    新型城镇化 n
    新基建 n
    以旧换新 n
    设备更新 n
    大规模设备更新 n
    城市更新 n
    保障性住房 n
    专项债 n
    超长期特别国债 n
    特别国债 n
    十四五 n
    十五五 n
    全国统一大市场 n
    高水平对外开放 n
    科技自立自强 n
    一网通办 n
    一网统管 n
    一件事一次办 n
    未来产业 n
    战略性新兴产业 n
    产业链供应链 n
    数据要素 n
    算力 n
    人工智能 n
    绿色低碳 n
    生态文明 n
    小巨人 n
    链长制 n
    河湖长制 n
    林长制 n
    京津冀协同发展 n
    长三角一体化 n
    粤港澳大湾区 n
    成渝地区双城经济圈 n
    两个毫不动摇 n
    六稳六保 n
    稳就业 n
    """
}
