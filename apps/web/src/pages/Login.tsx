/** Sign-in: username and password (local accounts), or the province's OIDC provider when configured. */
import { Button, Card, Form, Input, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useLang } from '../i18n/lang';
import { fetchAuthOptions, login } from '../app/session';
import { ProblemAlert, useFormCommand } from '../app/problems';
import { navigate } from '../app/router';

interface Values {
  username: string;
  password: string;
}

export function Login() {
  const { t } = useLang();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const options = useQuery({ queryKey: ['auth-options'], queryFn: fetchAuthOptions });
  const { submit, problem, pending } = useFormCommand<Values>(form, async (v) => {
    const me = await login(v.username.trim(), v.password);
    client.setQueryData(['me'], me);
    navigate('/');
    return { position: 0 };
  });
  return (
    <main className="login">
      <Card className="login-card">
        <Typography.Title level={1} className="login-title">
          {t('Thi đua – khen thưởng')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('Đăng nhập để làm việc với đợt thi đua của đơn vị mình.')}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t('Tên đăng nhập')}
            name="username"
            rules={[{ required: true, message: t('Hãy nhập tên đăng nhập') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('Mật khẩu')}
            name="password"
            rules={[{ required: true, message: t('Hãy nhập mật khẩu') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <ProblemAlert problem={problem} />
          <Button type="primary" htmlType="submit" loading={pending} block>
            {t('Đăng nhập')}
          </Button>
        </Form>
        {options.data?.oidc && (
          <Button href="/api/v1/auth/oidc/login" block style={{ marginTop: 12 }}>
            {t('Đăng nhập bằng tài khoản của tỉnh (OIDC)')}
          </Button>
        )}
      </Card>
    </main>
  );
}
