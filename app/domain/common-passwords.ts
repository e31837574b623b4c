// Passwords that meet the length and character-class rules yet appear at the top of leaked-password lists
// (global and Chinese). Compared case-insensitively.
export const commonPasswords = new Set(
  [
    "password1", "password123", "password1!", "p@ssw0rd", "p@ssword1", "passw0rd", "passw0rd!", "qwerty123",
    "qwer1234", "qwe123456", "qwe123!@#", "qwert12345", "qwertyuiop1", "asdf1234", "asd123456", "zxc123456",
    "zxcv1234", "1qaz2wsx", "1qaz@wsx", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "q1w2e3r4t5", "a1234567",
    "a12345678", "a123456789", "aa123456", "aa12345678", "abc12345", "abc123456", "abcd1234", "abcd@1234",
    "admin123", "admin@123", "admin1234", "administrator1", "root1234", "test1234", "welcome1", "welcome123",
    "iloveyou1", "woaini1314", "woaini520", "woaini123", "5201314a", "a5201314", "wang1234", "zhang123",
    "li123456", "liu123456", "chen123456", "huawei123", "xiaomi123", "baidu1234", "taobao123", "qq123456",
    "qq12345678", "wx123456", "letmein1", "sunshine1", "monkey123", "dragon123", "football1", "baseball1",
    "master123", "shadow123", "superman1", "batman123", "trustno1", "princess1", "changeme1", "secret123",
    "summer2024", "summer2025", "summer2026", "spring2026", "winter2026", "autumn2026", "china123",
    "china2026", "beijing123", "shanghai1", "xian1234", "xian123456", "huyi1234", "ab123456", "abc@1234",
    "abc#1234", "aa@123456", "pass1234", "pass@123", "user1234", "guest1234", "hello123", "hello1234",
    "asdfghjkl1", "zaq12wsx", "!qaz2wsx", "1qazxsw2", "123qweasd", "123qwe!@#", "qweasd123", "qweasdzxc1",
  ].map((p) => p.toLowerCase()),
);
