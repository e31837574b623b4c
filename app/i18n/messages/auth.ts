// Sign-in, registration, password rules and resets.
export const zh = {
  "auth.loginTitle": "登录",
  "auth.email": "邮箱",
  "auth.password": "密码",
  "auth.loginButton": "登录",
  "auth.loginFailed": "登录失败：邮箱或密码不正确，或账号因连续 5 次失败已锁定 15 分钟。请核对后再试，或使用“忘记密码”。",
  "auth.rateLimited": "尝试次数过多，请 {minutes} 分钟后再试。",
  "auth.noAccount": "还没有账号？",
  "auth.registerLink": "注册机构",
  "auth.forgotLink": "忘记密码？",
  "auth.logout": "退出登录",
  "auth.registerTitle": "注册机构",
  "auth.registerIntro": "注册后机构处于“待审核”状态，可以先填写草稿；平台审核员核实后即可发布信息。",
  "auth.orgSection": "机构信息",
  "auth.userSection": "机构管理员账号",
  "auth.userName": "姓名",
  "auth.userEmail": "登录邮箱",
  "auth.passwordConfirm": "再次输入密码",
  "auth.passwordHint": "至少 8 位，包含大写字母、小写字母、数字、符号中的至少 3 类。",
  "auth.consent": "我已阅读并同意《隐私政策》，同意平台为提供服务处理上述个人信息。",
  "auth.privacyLink": "隐私政策",
  "auth.registerButton": "提交注册",
  "auth.registered": "注册成功。机构正在等待审核，审核结果会显示在机构页面。",
  "auth.loggedOut": "已退出登录。",
} as const;

export const en: Partial<Record<keyof typeof zh, string>> = {
  "auth.loginTitle": "Sign in",
  "auth.email": "E-mail",
  "auth.password": "Password",
  "auth.loginButton": "Sign in",
  "auth.logout": "Sign out",
};
