import { PageHeader } from '../components/PageHeader';

export function WhatIfPage() {
  return <PageHeader title="WhatIf" />;
}
