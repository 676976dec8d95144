# Painful-exercise marks ("it hurt last time") and the session's painful exercise.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('practice', '0001_session_log'),
    ]

    operations = [
        migrations.CreateModel(
            name='PainfulExercise',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('device', models.CharField(max_length=64)),
                ('exercise', models.SlugField(max_length=120)),
                ('hurt_at', models.DateTimeField()),
                ('included_again_at', models.DateTimeField(blank=True, null=True)),
            ],
        ),
        migrations.AddField(
            model_name='practicesession',
            name='painful_exercise',
            field=models.SlugField(blank=True, db_default='', default='', help_text='after a stop for pain: the exercise that hurt; blank when not said', max_length=120),
        ),
        migrations.AddConstraint(
            model_name='practicesession',
            constraint=models.CheckConstraint(condition=models.Q(('painful_exercise', ''), ('stopped_for_pain', True), _connector='OR'), name='practice_painful_only_when_stopped'),
        ),
        migrations.AddField(
            model_name='painfulexercise',
            name='session',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='painful_marks', to='practice.practicesession'),
        ),
        migrations.AddConstraint(
            model_name='painfulexercise',
            constraint=models.UniqueConstraint(fields=('device', 'exercise'), name='practice_one_mark_per_exercise'),
        ),
    ]
