import type { PublicUnits } from '@bancheng/core';
import { useI18n } from '../i18n.ts';
import { Link } from '../router.tsx';
import { useFetch } from '../useFetch.ts';
import { Loading } from '../Loading.tsx';

export function UnitsPage() {
  const { t } = useI18n();
  const units = useFetch<PublicUnits>('/api/public/units');
  return (
    <>
      <h1>{t('units.title')}</h1>
      <p className="muted">{t('units.lead')}</p>
      <Loading loaded={units}>
        {(data) =>
          data.units.map((u) => (
            <section className="card" key={u.id} data-testid="unit">
              <h2 data-user-text lang="zh-CN">
                {u.name}
              </h2>
              {u.departments.length === 0 ? (
                <p className="muted">{t('units.noDepartments')}</p>
              ) : (
                <ul className="links">
                  {u.departments.map((d) => (
                    <li key={d.id}>
                      <Link to={`/departments/${encodeURIComponent(d.id)}`} testId="department-link">
                        <span data-user-text lang="zh-CN">
                          {d.name}
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))
        }
      </Loading>
    </>
  );
}
